package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.job.JobQueue;
import dev.slipway.controlplane.manualdeploy.ManualDeployRepository.ManualDeploy;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.protocol.artifact.ContentTypes;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.CustomHttpException;
import dev.slipway.protocol.headers.CustomHttpParser;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.JobCompletion.DeploymentUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The DEPLOY and VERIFY steps of a MANUAL job, run by the control plane that leased it: get the zip (the uploaded
 * blob, or the sourceUrl fetched), unpack it with {@link SiteZip}'s checks, store the files as content-addressed blobs
 * (only bytes the store lacks travel) and their manifest, and complete the job through the queue, which records the
 * deployment and makes it live as for any build. A zip's root {@code customHttp.yml} becomes the deployment's headers
 * (as in Amplify; the app's own headers apply when it has none) and is not served. A refused zip fails the job with
 * the reason in its log and status, and nothing of it is deployed.
 */
@Component
class ZipDeployer {

    private static final Logger log = LoggerFactory.getLogger(ZipDeployer.class);
    static final String CUSTOM_HTTP = "customHttp.yml";

    private final JobQueue queue;
    private final ManualDeployRepository repository;
    private final BlobStore blobs;
    private final SourceUrls sources;
    private final SiteZip zips;
    private final Path workRoot;

    ZipDeployer(JobQueue queue, ManualDeployRepository repository, BlobStore blobs, SourceUrls sources,
            ControlPlaneProperties properties) {
        this.queue = queue;
        this.repository = repository;
        this.blobs = blobs;
        this.sources = sources;
        this.zips = new SiteZip(properties.manualDeploys());
        this.workRoot = properties.absoluteDataDir().resolve("manual-deploys");
    }

    /** Runs the job to its end; a stop request or a lost lease ends it without deploying. */
    void deploy(JobQueue.Lease lease, LeaseKeeper keeper) {
        JobReporter reporter = new JobReporter(queue, lease);
        long jobId = lease.job().id();
        Path work = workRoot.resolve("job-" + jobId + "-" + lease.leaseId());
        Optional<ManualDeploy> source = repository.find(jobId);
        JobCompletion completion;
        try {
            reporter.step("DEPLOY", "RUNNING", null);
            Files.createDirectories(work);
            if (source.isEmpty()) {
                throw new SiteZip.Refused("The job has no zip: start manual deploys with POST …/deployments/start.");
            }
            DeploymentUpload upload = store(source.get(), work, reporter, keeper);
            reporter.step("DEPLOY", "SUCCEED", null);
            verify(upload, reporter);
            completion = new JobCompletion("SUCCEED", null, upload);
        } catch (SiteZip.Refused refused) {
            reporter.log(refused.getMessage());
            reporter.step("DEPLOY", "FAILED", refused.getMessage());
            completion = new JobCompletion("FAILED", refused.getMessage(), null);
        } catch (LeaseKeeper.Stopped stopped) {
            completion = new JobCompletion("CANCELLED", "Stopped by a user", null);
        } catch (IOException | RuntimeException e) {
            log.warn("Manual deploy of job {} failed", jobId, e);
            String reason = "The control plane could not deploy the zip: " + e.getMessage();
            reporter.log(reason);
            reporter.step("DEPLOY", "FAILED", reason);
            completion = new JobCompletion("FAILED", reason, null);
        } finally {
            FileSystemUtils.deleteRecursively(work.toFile());
        }
        if (queue.complete(jobId, lease.leaseId(), completion).isPresent()) {
            source.ifPresent(this::freeZip);
        }
    }

    private DeploymentUpload store(ManualDeploy source, Path work, JobReporter reporter, LeaseKeeper keeper)
            throws SiteZip.Refused, IOException, LeaseKeeper.Stopped {
        Path zip = zipOf(source, work, reporter);
        keeper.check();
        SiteZip.Unpacked unpacked = zips.unpack(zip, work.resolve("site"));
        reporter.log("Unpacked " + unpacked.files().size() + " files (" + unpacked.bytes() + " bytes)");
        Map<String, Path> files = new TreeMap<>(unpacked.files());
        CustomHeaders headers = customHeaders(files.remove(CUSTOM_HTTP), reporter);
        if (files.isEmpty()) {
            throw new SiteZip.Refused("The zip holds nothing to serve besides " + CUSTOM_HTTP + ".");
        }
        keeper.check();
        BlobStore.Transfer transfer = blobs.putAll(files.values());
        SortedMap<String, ManifestEntry> entries = new TreeMap<>();
        for (var file : files.entrySet()) {
            entries.put(file.getKey(), new ManifestEntry(transfer.keys().get(file.getValue()),
                    Files.size(file.getValue()), ContentTypes.forPath(file.getKey())));
        }
        DeploymentManifest manifest = DeploymentManifest.of(entries).withCustomHeaders(headers);
        String manifestHash = blobs.put(manifest.toJson());
        reporter.log("Deploy: " + transfer.describe());
        reporter.log("deployed " + entries.size() + " files (" + manifest.totalBytes() + " bytes), manifest "
                + manifestHash);
        keeper.check();
        return new DeploymentUpload(manifestHash, entries.size(), manifest.totalBytes());
    }

    private Path zipOf(ManualDeploy source, Path work, JobReporter reporter) throws SiteZip.Refused, IOException {
        if (source.sourceUrl() != null) {
            reporter.log("Fetching " + source.sourceUrl());
            Path zip = work.resolve("source.zip");
            sources.fetch(source.sourceUrl(), zip);
            return zip;
        }
        if (source.zipKey() == null) {
            throw new SiteZip.Refused("Nothing was uploaded to the job's zipUploadUrl.");
        }
        reporter.log("Deploying the uploaded zip (" + source.zipBytes() + " bytes)");
        Optional<Path> local = blobs.localFile(source.zipKey());
        if (local.isPresent()) {
            return local.get();
        }
        Path zip = work.resolve("upload.zip");
        try (InputStream in = blobs.open(source.zipKey())) {
            Files.copy(in, zip);
        }
        return zip;
    }

    private static CustomHeaders customHeaders(Path file, JobReporter reporter) throws SiteZip.Refused, IOException {
        if (file == null) {
            return CustomHeaders.NONE;
        }
        if (Files.size(file) > CustomHttpParser.MAX_BYTES) {
            throw new SiteZip.Refused(CUSTOM_HTTP + " is larger than " + CustomHttpParser.MAX_BYTES + " bytes.");
        }
        try {
            var parsed = CustomHttpParser.parse(Files.readString(file, StandardCharsets.UTF_8), CUSTOM_HTTP);
            parsed.warnings().forEach(w -> reporter.log(CUSTOM_HTTP + " warning: " + w));
            CustomHeaders headers = parsed.forAppRoot(null);
            reporter.log(CUSTOM_HTTP + ": " + headers.rules().size() + " header patterns (not served itself)");
            return headers;
        } catch (CustomHttpException e) {
            throw new SiteZip.Refused(e.getMessage());
        }
    }

    /** Amplify's VERIFY: the manifest reads back as stored; a site without index.html is worth a warning. */
    private void verify(DeploymentUpload upload, JobReporter reporter) throws IOException {
        reporter.step("VERIFY", "RUNNING", null);
        DeploymentManifest stored = DeploymentManifest.fromJson(blobs.read(upload.manifestHash()));
        if (!stored.files().containsKey("index.html")) {
            reporter.log("VERIFY warning: the zip has no index.html at its root, so / answers 404 unless a rewrite "
                    + "rule serves it (zip the folder's contents, not the folder)");
        }
        reporter.step("VERIFY", "SUCCEED", null);
    }

    /**
     * The zip is not needed once the job ended: its blob goes when this upload stored it and no other job names it
     * (bytes that were stored before belong to someone else, as a file of a site may).
     */
    private void freeZip(ManualDeploy source) {
        if (source.zipKey() == null) {
            return;
        }
        repository.forgetZip(source.jobId());
        try {
            if (source.zipOwned() && !repository.zipInUse(source.zipKey())) {
                blobs.delete(source.zipKey());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("The zip of job {} stays in the blob store: {}", source.jobId(), e.toString());
        }
    }
}

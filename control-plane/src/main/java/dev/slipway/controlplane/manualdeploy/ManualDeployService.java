package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobService;
import dev.slipway.controlplane.job.JobStatus;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.ManualDeploySettings;
import dev.slipway.controlplane.support.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import dev.slipway.protocol.blob.BlobStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Amplify's CreateDeployment and StartDeployment for apps created without a repository: a MANUAL job is recorded
 * (CREATED) with a signed upload URL, the zip PUT there is kept in the blob store (so whichever control plane leases
 * the job can read it), and the start queues the job; or a start names a {@code sourceUrl} the control plane fetches.
 * A start is committed (job PENDING, its source recorded) before it is answered, so it survives the control plane.
 */
@Service
public class ManualDeployService {

    private final AppService apps;
    private final JobService jobs;
    private final ManualDeployRepository repository;
    private final UploadSignatures signatures;
    private final SourceUrls sources;
    private final BlobStore blobs;
    private final TransactionTemplate tx;
    private final ManualDeploySettings settings;
    private final Path uploads;

    ManualDeployService(AppService apps, JobService jobs, ManualDeployRepository repository,
            UploadSignatures signatures, SourceUrls sources, BlobStore blobs, TransactionTemplate tx,
            ControlPlaneProperties properties) {
        this.apps = apps;
        this.jobs = jobs;
        this.repository = repository;
        this.signatures = signatures;
        this.sources = sources;
        this.blobs = blobs;
        this.tx = tx;
        this.settings = properties.manualDeploys();
        this.uploads = properties.absoluteDataDir().resolve("manual-deploys").resolve("uploads");
    }

    /** @param uploadPath path and query of the signed upload URL (the caller puts its own origin in front) */
    public record Created(Job job, String uploadPath) {
    }

    /** @param jobId a job from {@link #create} whose zip was uploaded; or @param sourceUrl a zip to fetch */
    public record Start(String jobId, String sourceUrl) {
    }

    public Created create(String appId, String branchName) {
        requireManualApp(appId);
        Instant expires = Instant.now().plus(settings.uploadUrlValidity());
        Job job = tx.execute(status -> {
            Job created = jobs.createManual(appId, branchName, false);
            repository.insert(created.id(), appId, branchName, null, expires);
            return created;
        });
        return new Created(job, signatures.path(job.id(), expires));
    }

    /**
     * Stores a zip PUT to a signed upload URL: streamed to a file (never whole in memory; the request size filter
     * answers 413 past the limit), then into the blob store. Any bytes are accepted; they are checked when deployed.
     */
    public void receive(long jobId, long expires, String signature, InputStream body) throws IOException {
        if (!signatures.valid(jobId, expires, signature, Instant.now())) {
            throw Refusal.forbidden("This upload URL is not valid or has expired; create a new deployment.");
        }
        Job job = jobs.findById(jobId).orElseThrow(() -> Refusal.notFound("The deployment of this URL is gone."));
        requireCreated(job);
        Files.createDirectories(uploads);
        Path temp = Files.createTempFile(uploads, "zip", ".tmp");
        try {
            MessageDigest sha256 = sha256();
            long bytes;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                bytes = body.transferTo(out);
            }
            String key = HexFormat.of().formatHex(sha256.digest());
            boolean owned = !blobs.exists(key);
            blobs.put(temp);
            repository.recordUpload(jobId, key, bytes, owned);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public Job start(String appId, String branchName, Start request) {
        boolean byJob = request != null && request.jobId() != null && !request.jobId().isBlank();
        boolean byUrl = request != null && request.sourceUrl() != null && !request.sourceUrl().isBlank();
        if (byJob == byUrl) {
            throw Refusal.invalid("Give either 'jobId' (of POST …/deployments, after uploading the zip) or "
                    + "'sourceUrl' (an https URL of a zip), not " + (byJob ? "both." : "neither."));
        }
        if (byUrl) {
            requireManualApp(appId);
            String url = sources.validate(request.sourceUrl());
            return tx.execute(status -> {
                Job job = jobs.createManual(appId, branchName, true);
                repository.insert(job.id(), appId, branchName, url, Instant.now());
                return job;
            });
        }
        Job job = jobs.get(appId, branchName, request.jobId());
        if (!JobService.MANUAL.equals(job.jobType())) {
            throw Refusal.invalid("Job " + job.jobId() + " is a " + job.jobType() + " job, not a manual deployment.");
        }
        requireCreated(job);
        ManualDeployRepository.ManualDeploy deploy = repository.find(job.id()).orElseThrow();
        if (Instant.now().isAfter(deploy.uploadExpiresAt())) {
            String reason = "Not started within " + settings.uploadUrlValidity().toHours() + " hours of its creation "
                    + "(SLIPWAY_MANUAL_DEPLOY_UPLOAD_URL_VALIDITY); create a new deployment.";
            jobs.failCreated(job, reason);
            throw Refusal.conflict("Job " + job.jobId() + " failed: " + reason);
        }
        if (deploy.zipKey() == null) {
            throw Refusal.invalid("Nothing was uploaded to job " + job.jobId() + "'s zipUploadUrl yet; PUT the zip "
                    + "there first.");
        }
        if (!Boolean.TRUE.equals(tx.execute(status -> jobs.queueManual(job)))) {
            throw Refusal.conflict("Job " + job.jobId() + " was started or stopped meanwhile.");
        }
        return jobs.findById(job.id()).orElseThrow();
    }

    private void requireManualApp(String appId) {
        App app = apps.get(appId);
        if (app.repository() != null) {
            throw Refusal.invalid("App '" + appId + "' builds from its repository; manual deploys are for apps "
                    + "created without one (as in Amplify).");
        }
    }

    private static void requireCreated(Job job) {
        if (job.status() != JobStatus.CREATED) {
            throw Refusal.conflict("Job " + job.jobId() + " was already started (status " + job.status() + ").");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

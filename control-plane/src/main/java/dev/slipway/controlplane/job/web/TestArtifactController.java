package dev.slipway.controlplane.job.web;

import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobService;
import dev.slipway.controlplane.job.TestArtifactRepository;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.artifact.ArtifactPaths;
import dev.slipway.protocol.artifact.ContentTypes;
import dev.slipway.protocol.blob.BlobStore;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A job's test artifacts (amplify.yml {@code test.artifacts}): the list with the mochawesome counts, and each file.
 * Only files recorded for the job are served, by their recorded path, so a request cannot reach any other blob.
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}/branches/{branchName}/jobs/{jobId}/test-artifacts")
@RequiresRole(Role.VIEWER)
class TestArtifactController {

    private final JobService jobs;
    private final TestArtifactRepository artifacts;
    private final BlobStore blobs;

    TestArtifactController(JobService jobs, TestArtifactRepository artifacts, BlobStore blobs) {
        this.jobs = jobs;
        this.artifacts = artifacts;
        this.blobs = blobs;
    }

    record Item(String path, long size) {
    }

    @GetMapping
    Map<String, Object> list(@PathVariable String appId, @PathVariable String branchName,
            @PathVariable String jobId) {
        Job job = jobs.get(appId, branchName, jobId);
        List<Item> items = artifacts.list(job.id()).stream().map(e -> new Item(e.path(), e.size())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("testArtifacts", items);
        artifacts.report(job.id()).ifPresent(report -> body.put("testReport", report));
        return body;
    }

    @GetMapping("/{*path}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String appId, @PathVariable String branchName,
            @PathVariable String jobId, @PathVariable String path) {
        Job job = jobs.get(appId, branchName, jobId);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (!ArtifactPaths.isSafe(relative)) {
            throw Refusal.invalid("'" + relative + "' is not a test artifact path.");
        }
        TestArtifactRepository.Entry entry = artifacts.find(job.id(), relative).orElseThrow(() ->
                Refusal.notFound("Job " + jobId + " has no test artifact " + relative + "."));
        StreamingResponseBody body = out -> {
            try (InputStream in = blobs.open(entry.hash())) {
                in.transferTo(out);
            }
        };
        // The type is decided here from the path, not taken from the runner; an HTML report (mochawesome's) must not
        // run scripts with the console's origin, hence the sandbox.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ContentTypes.forPath(relative)))
                .contentLength(entry.size())
                .header("Content-Security-Policy", "sandbox")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + fileName(relative) + "\"")
                .body(body);
    }

    /** The last segment, with quotes and control characters replaced so the header stays well-formed. */
    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replaceAll("[\"\\\\\\p{Cntrl}]", "_");
    }
}

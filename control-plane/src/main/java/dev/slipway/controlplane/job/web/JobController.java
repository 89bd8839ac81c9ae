package dev.slipway.controlplane.job.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobLogStreams;
import dev.slipway.controlplane.job.JobService;
import dev.slipway.controlplane.job.TestArtifactRepository;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Amplify's StartJob / ListJobs / GetJob / StopJob, plus the build log as text. */
@RestController
@RequestMapping("/api/v1/apps/{appId}/branches/{branchName}/jobs")
@RequiresRole(Role.VIEWER)
class JobController {

    private final JobService jobs;
    private final JobLogStreams streams;
    private final TestArtifactRepository testArtifacts;

    JobController(JobService jobs, JobLogStreams streams, TestArtifactRepository testArtifacts) {
        this.jobs = jobs;
        this.streams = streams;
        this.testArtifacts = testArtifacts;
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, JobViews.Summary> start(@PathVariable String appId, @PathVariable String branchName,
            @RequestBody(required = false) JobService.Start request) {
        JobService.Start start = request == null ? new JobService.Start(null, null, null, null, null) : request;
        return Map.of("jobSummary", JobViews.summary(jobs.start(appId, branchName, start)));
    }

    @GetMapping
    Map<String, List<JobViews.Summary>> list(@PathVariable String appId, @PathVariable String branchName,
            @RequestParam(defaultValue = "50") int maxResults) {
        return Map.of("jobSummaries", jobs.list(appId, branchName, maxResults).stream().map(JobViews::summary).toList());
    }

    @GetMapping("/{jobId}")
    Map<String, JobViews.Detail> get(@PathVariable String appId, @PathVariable String branchName,
            @PathVariable String jobId) {
        Job job = jobs.get(appId, branchName, jobId);
        return Map.of("job", JobViews.detail(job, jobs.steps(job), jobs.detectedBuildSpec(job),
                testArtifacts.report(job.id()).orElse(null)));
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping("/{jobId}/stop")
    Map<String, JobViews.Summary> stop(@PathVariable String appId, @PathVariable String branchName,
            @PathVariable String jobId) {
        return Map.of("jobSummary", JobViews.summary(jobs.stop(appId, branchName, jobId)));
    }

    /**
     * The log as text. {@code text/*} and {@code *}{@code /*} are listed so that a request without Accept, or
     * accepting any text or anything, gets the text rather than the event stream {@link #logsAsEvents} offers on the
     * same path (only an Accept naming {@code text/event-stream} gets that).
     */
    @GetMapping(value = "/{jobId}/logs", produces = {MediaType.TEXT_PLAIN_VALUE, "text/*", MediaType.ALL_VALUE})
    ResponseEntity<StreamingResponseBody> logs(@PathVariable String appId, @PathVariable String branchName,
            @PathVariable String jobId) {
        Job job = jobs.get(appId, branchName, jobId);
        StreamingResponseBody body = out -> jobs.streamLog(job, line -> write(out, line));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(body);
    }

    /**
     * The log live, as server-sent events (see {@link JobLogStreams}); resumes after {@code Last-Event-ID}. Also
     * answers {@code GET …/logs} asked for {@code text/event-stream}; other Accept values there get the text.
     */
    @GetMapping(value = "/{jobId}/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String appId, @PathVariable String branchName, @PathVariable String jobId,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        return streams.open(jobs.get(appId, branchName, jobId), lastEventId, UnaryOperator.identity());
    }

    /** {@code GET …/logs} with {@code Accept: text/event-stream}: the same stream as {@code …/logs/stream}. */
    @GetMapping(value = "/{jobId}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter logsAsEvents(@PathVariable String appId, @PathVariable String branchName, @PathVariable String jobId,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        return stream(appId, branchName, jobId, lastEventId);
    }

    private static void write(OutputStream out, String line) {
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

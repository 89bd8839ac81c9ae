package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobLogStreams;
import dev.slipway.controlplane.job.JobService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * One job: steps and the build log. While it runs, a small script follows the log over server-sent events and
 * refreshes the summary (status, steps) on each status change; without JavaScript the page still reads whole.
 */
@Controller
@RequiresRole(Role.VIEWER)
class JobPages {

    private static final int MAX_LINES_ON_PAGE = 5_000;

    private final JobService jobs;
    private final JobLogStreams streams;

    JobPages(JobService jobs, JobLogStreams streams) {
        this.jobs = jobs;
        this.streams = streams;
    }

    @GetMapping("/apps/{appId}/branches/{branchName}/jobs/{jobId}")
    String show(@PathVariable String appId, @PathVariable String branchName, @PathVariable String jobId, Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        Job job = jobs.get(appId, branchName, jobId);
        model.addAttribute("job", job);
        model.addAttribute("steps", jobs.steps(job));
        model.addAttribute("appId", appId);
        model.addAttribute("branchName", branchName);
        if (htmx != null) {
            return "job :: summary";
        }
        List<String> lines = new ArrayList<>();
        jobs.streamLog(job, line -> {
            if (lines.size() < MAX_LINES_ON_PAGE) {
                lines.add(AnsiHtml.render(line));
            }
        });
        String path = path(appId, branchName, jobId);
        model.addAttribute("logHtml", String.join("\n", lines));
        model.addAttribute("truncated", lines.size() >= MAX_LINES_ON_PAGE);
        model.addAttribute("logUrl", path + "/log.txt");
        model.addAttribute("streamUrl", job.status().isFinished() || lines.size() >= MAX_LINES_ON_PAGE ? null
                : path + "/log/stream?after=" + (lines.size() - 1));
        return "job";
    }

    /**
     * The log live for the page's script: the API's event stream ({@link JobLogStreams}) with lines rendered as HTML;
     * {@code after} is the last line the page already shows.
     */
    @GetMapping(value = "/apps/{appId}/branches/{branchName}/jobs/{jobId}/log/stream",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String appId, @PathVariable String branchName, @PathVariable String jobId,
            @RequestParam(defaultValue = "-1") long after,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        return streams.open(jobs.get(appId, branchName, jobId), lastEventId != null ? lastEventId : Long.toString(after),
                AnsiHtml::render);
    }

    /** The whole log as a download, streamed page by page from the database. */
    @GetMapping(value = "/apps/{appId}/branches/{branchName}/jobs/{jobId}/log.txt", produces = "text/plain")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String appId, @PathVariable String branchName,
            @PathVariable String jobId) {
        Job job = jobs.get(appId, branchName, jobId);
        StreamingResponseBody body = out -> jobs.streamLog(job, line -> {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"job-" + jobId + ".log\"")
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(body);
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping("/apps/{appId}/branches/{branchName}/jobs/{jobId}/stop")
    String stop(@PathVariable String appId, @PathVariable String branchName, @PathVariable String jobId) {
        jobs.stop(appId, branchName, jobId);
        return "redirect:" + path(appId, branchName, jobId);
    }

    static String path(String appId, String branchName, String jobId) {
        return BranchPages.path(appId, branchName) + "/jobs/" + jobId;
    }
}

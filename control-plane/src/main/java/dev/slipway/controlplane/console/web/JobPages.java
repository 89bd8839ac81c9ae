package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.job.Job;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** One job: steps and the build log, refreshed by htmx until the job ends; stop button while it runs. */
@Controller
class JobPages {

    private static final int MAX_LINES_ON_PAGE = 5_000;

    private final JobService jobs;

    JobPages(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/apps/{appId}/branches/{branchName}/jobs/{jobId}")
    String show(@PathVariable String appId, @PathVariable String branchName, @PathVariable String jobId, Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        Job job = jobs.get(appId, branchName, jobId);
        List<String> lines = new ArrayList<>();
        jobs.streamLog(job, line -> {
            if (lines.size() < MAX_LINES_ON_PAGE) {
                lines.add(line);
            }
        });
        model.addAttribute("job", job);
        model.addAttribute("steps", jobs.steps(job));
        model.addAttribute("log", String.join("\n", lines));
        model.addAttribute("truncated", lines.size() >= MAX_LINES_ON_PAGE);
        model.addAttribute("appId", appId);
        model.addAttribute("branchName", branchName);
        model.addAttribute("logUrl", path(appId, branchName, jobId) + "/log.txt");
        return htmx != null ? "job :: live" : "job";
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

    @PostMapping("/apps/{appId}/branches/{branchName}/jobs/{jobId}/stop")
    String stop(@PathVariable String appId, @PathVariable String branchName, @PathVariable String jobId) {
        jobs.stop(appId, branchName, jobId);
        return "redirect:" + path(appId, branchName, jobId);
    }

    static String path(String appId, String branchName, String jobId) {
        return BranchPages.path(appId, branchName) + "/jobs/" + jobId;
    }
}

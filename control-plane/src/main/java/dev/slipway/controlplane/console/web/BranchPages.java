package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.compute.ComputeLogs;
import dev.slipway.controlplane.deployment.DeploymentService;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * A branch: its jobs (refreshed by htmx while any runs; the same URL answers the fragment for HX-Request), start a
 * build, its deployments with one-click activation (rollback without rebuilding), its SSR server's recent output.
 */
@Controller
@RequiresRole(Role.VIEWER)
class BranchPages {

    /** As much of the SSR server's output as a person reads on a page; the API gives more. */
    private static final int COMPUTE_LOG_LINES = 200;

    private final BranchService branches;
    private final JobService jobs;
    private final DeploymentService deployments;
    private final BranchSummaries summaries;
    private final ControlPlaneProperties properties;
    private final ComputeLogs computeLogs;
    private final AppService apps;

    BranchPages(BranchService branches, JobService jobs, DeploymentService deployments, BranchSummaries summaries,
            ControlPlaneProperties properties, ComputeLogs computeLogs, AppService apps) {
        this.apps = apps;
        this.computeLogs = computeLogs;
        this.properties = properties;
        this.branches = branches;
        this.jobs = jobs;
        this.deployments = deployments;
        this.summaries = summaries;
    }

    @GetMapping("/apps/{appId}/branches/{branchName}")
    String show(@PathVariable String appId, @PathVariable String branchName, Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx) throws IOException {
        var branch = branches.get(appId, branchName);
        var jobList = jobs.list(appId, branchName, 25);
        model.addAttribute("summary", summaries.of(branch));
        model.addAttribute("jobs", jobList);
        model.addAttribute("anyRunning", jobList.stream().anyMatch(j -> !j.status().isFinished()));
        model.addAttribute("chart", BuildChart.of(jobList));
        var deploymentList = deployments.list(appId, branchName, 25);
        model.addAttribute("deployments", deploymentList);
        // only the latest deployments keep an immutable host on the edge (RouteSnapshots.IMMUTABLE_PER_BRANCH)
        model.addAttribute("deploymentUrls", deploymentList.stream().limit(20).collect(Collectors.toMap(
                d -> d.deploymentId(), d -> properties.deploymentUrl(appId, d.deploymentId()))));
        if (htmx != null) {
            return "branch :: live";
        }
        model.addAttribute("computeLog", computeLogs.tail(appId, branchName, COMPUTE_LOG_LINES));
        // an app without a repository is deployed from zips: the page offers the drop
        model.addAttribute("zipDeploys", apps.get(appId).repository() == null);
        return "branch";
    }

    /** The SSR server's output panel alone, for its htmx refresh button. */
    @GetMapping("/apps/{appId}/branches/{branchName}/compute-logs")
    String computeLog(@PathVariable String appId, @PathVariable String branchName, Model model) throws IOException {
        model.addAttribute("appId", appId);
        model.addAttribute("branch", branchName);
        model.addAttribute("computeLog", computeLogs.tail(appId, branchName, COMPUTE_LOG_LINES));
        return "branch :: compute-log";
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping("/apps/{appId}/branches/{branchName}/jobs")
    String startBuild(@PathVariable String appId, @PathVariable String branchName,
            @RequestParam(defaultValue = "false") boolean clearCache) {
        Job job = jobs.start(appId, branchName, new JobService.Start("RELEASE", null, null, null, null, clearCache));
        return "redirect:" + JobPages.path(appId, branchName, job.jobId());
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping("/apps/{appId}/branches/{branchName}/deployments/{deploymentId}/activate")
    String activate(@PathVariable String appId, @PathVariable String branchName, @PathVariable String deploymentId) {
        deployments.activate(appId, branchName, deploymentId);
        return "redirect:" + path(appId, branchName);
    }

    static String path(String appId, String branchName) {
        return "/apps/" + appId + "/branches/" + UriUtils.encodePathSegment(branchName, "UTF-8");
    }
}

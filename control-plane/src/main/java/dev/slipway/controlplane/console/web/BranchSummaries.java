package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import org.springframework.stereotype.Component;

/** What the console shows about a branch at a glance: its URL and its latest job. */
@Component
class BranchSummaries {

    private final JobService jobs;
    private final ControlPlaneProperties properties;

    BranchSummaries(JobService jobs, ControlPlaneProperties properties) {
        this.jobs = jobs;
        this.properties = properties;
    }

    record Summary(Branch branch, String url, Job latestJob) {
    }

    Summary of(Branch branch) {
        Job latest = jobs.list(branch.appId(), branch.branchName(), 1).stream().findFirst().orElse(null);
        return new Summary(branch, properties.branchUrl(branch.appId(), branch.branchName()), latest);
    }
}

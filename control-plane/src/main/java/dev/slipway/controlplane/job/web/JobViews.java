package dev.slipway.controlplane.job.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobStep;
import dev.slipway.protocol.runner.TestArtifactsUpload;
import java.time.Instant;
import java.util.List;

/** Amplify's JobSummary / Job / Step shapes (public: manual deploys answer a job summary too). */
public final class JobViews {

    private JobViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String jobArn, String jobId, String jobType, String status, String statusReason, String commitId,
            String commitMessage, Instant commitTime, Instant startTime, Instant endTime) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(String stepName, String status, String statusReason, Instant startTime, Instant endTime) {
    }

    /**
     * {@code detectedBuildSpec}: Slipway's addition, the spec generated when the repository had none;
     * {@code testReport}: the counts of the TEST step's mochawesome report (configFilePath), when it had one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(Summary summary, List<Step> steps, String detectedBuildSpec, TestArtifactsUpload.Report testReport) {
    }

    public static Summary summary(Job job) {
        String arn = "arn:aws:amplify:local:000000000000:apps/" + job.appId() + "/branches/" + job.branchName()
                + "/jobs/" + job.jobId();
        return new Summary(arn, job.jobId(), job.jobType(), job.status().name(), job.statusReason(), job.commitId(),
                job.commitMessage(), job.commitTime(), job.startTime(), job.endTime());
    }

    static Detail detail(Job job, List<JobStep> steps, String detectedBuildSpec, TestArtifactsUpload.Report report) {
        return new Detail(summary(job), steps.stream().map(s -> new Step(s.stepName(), s.status().name(),
                s.statusReason(), s.startTime(), s.endTime())).toList(), detectedBuildSpec, report);
    }
}

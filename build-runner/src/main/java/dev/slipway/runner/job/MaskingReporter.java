package dev.slipway.runner.job;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.runner.secret.SecretMasker;

/**
 * Masks the job's secrets in everything that leaves the job: log lines, step reasons and the completion reason. Sits
 * in front of the real reporter, so no line reaches the log shipper unmasked.
 */
final class MaskingReporter implements JobReporter {

    private final JobReporter delegate;
    private final SecretMasker masker;

    MaskingReporter(JobReporter delegate, SecretMasker masker) {
        this.delegate = delegate;
        this.masker = masker;
    }

    @Override
    public void step(StepReport report) {
        delegate.step(new StepReport(report.stepName(), report.status(), masker.mask(report.reason()),
                report.resolvedCommitId(), masker.mask(report.commitMessage())));
    }

    @Override
    public void log(String line) {
        delegate.log(masker.mask(line));
    }

    @Override
    public void complete(JobCompletion completion) {
        delegate.complete(new JobCompletion(completion.status(), masker.mask(completion.reason()),
                completion.deployment(), completion.cacheHash(), completion.detectedBuildSpec(),
                completion.testArtifacts()));
    }
}

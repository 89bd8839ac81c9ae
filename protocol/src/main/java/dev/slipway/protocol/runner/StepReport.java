package dev.slipway.protocol.runner;

/**
 * A step changed state.
 *
 * @param stepName         BUILD, DEPLOY, VERIFY (Amplify's step names)
 * @param status           RUNNING, SUCCEED, FAILED or CANCELLED
 * @param reason           why a step failed, or null
 * @param resolvedCommitId the commit actually checked out, once known (jobs started without a commit), or null
 * @param commitMessage    that commit's message, or null
 */
public record StepReport(String stepName, String status, String reason, String resolvedCommitId, String commitMessage) {
}

package dev.slipway.cli;

import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Starting a build, reading or following a job's log, and rolling a branch back without rebuilding. */
final class JobCommands {

    private JobCommands() {
    }

    /** {@code build <app> <branch> [--commit SHA] [--wait | --follow]}: a RELEASE job, as a push would start. */
    static int build(Context context) {
        String branchPath = context.branchPath(1, 2);
        ObjectNode request = ApiClient.JSON.createObjectNode().put("jobType", "RELEASE");
        context.args().option("--commit").ifPresent(commit -> request.put("commitId", commit));
        JsonNode answer = context.api().send("POST", branchPath + "/jobs", request);
        JsonNode job = answer.path("jobSummary");
        String jobId = job.path("jobId").asString();
        context.output().result(answer, "Job " + jobId + " started on " + context.args().word(2, "") + ": "
                + job.path("status").asString());
        return waitIfAsked(context, branchPath + "/jobs/" + jobId);
    }

    /** {@code logs <app> <branch> <job> [-f]}: the log so far, or followed until the job ends. */
    static int logs(Context context) {
        String jobPath = context.branchPath(1, 2) + "/jobs/" + ApiClient.segment(context.args().word(3, "the job id"));
        if (!context.args().flag("--follow")) {
            context.output().out().print(context.api().text(jobPath + "/logs"));
            return SlipwayCli.OK;
        }
        return exitCode(context, follow(context, jobPath, true));
    }

    /**
     * {@code rollback <app> <branch> [deployment]}: makes an earlier deployment live again (by default the one before
     * the live one) at once, without a build.
     */
    static int rollback(Context context) {
        String branchPath = context.branchPath(1, 2);
        String target = context.args().optionalWord(3).orElseGet(() -> previous(context.api().get(branchPath
                + "/deployments").path("deployments")));
        JsonNode answer = context.api().send("POST", branchPath + "/deployments/" + ApiClient.segment(target)
                + "/activate", null);
        JsonNode deployment = answer.path("deployment");
        context.output().result(answer, context.args().word(2, "") + " now serves " + target + " (job "
                + deployment.path("jobId").asString() + ", commit " + Output.text(deployment.path("commitId")) + ")");
        return SlipwayCli.OK;
    }

    private static String previous(JsonNode newestFirst) {
        boolean pastLive = false;
        for (JsonNode deployment : newestFirst) {
            if (pastLive) {
                return deployment.path("deploymentId").asString();
            }
            pastLive = deployment.path("active").asBoolean();
        }
        throw new ApiException(409, pastLive ? "There is no deployment older than the live one to roll back to"
                : "The branch has no live deployment to roll back from; name the deployment to make live");
    }

    /** With {@code --wait} or {@code --follow}: waits for the job's end (printing its log with --follow). */
    static int waitIfAsked(Context context, String jobPath) {
        boolean follow = context.args().flag("--follow");
        if (!follow && !context.args().flag("--wait")) {
            return SlipwayCli.OK;
        }
        return exitCode(context, follow(context, jobPath, follow));
    }

    /** The job's final status, read from the end of its log stream. */
    static String follow(Context context, String jobPath, boolean printLines) {
        AtomicReference<String> end = new AtomicReference<>();
        context.api().events(jobPath + "/logs/stream", (name, data) -> {
            switch (name) {
                case "end" -> end.set(data);
                case "message" -> {
                    if (printLines) {
                        context.output().out().println(data);
                    }
                }
                default -> { }
            }
            return end.get() == null;
        });
        if (end.get() == null) {
            throw new UnreachableException("The log stream ended before the job did; run the command again to go on");
        }
        return end.get();
    }

    private static int exitCode(Context context, String status) {
        context.output().info("Job ended: " + status);
        return "SUCCEED".equals(status) ? SlipwayCli.OK : SlipwayCli.FAILED;
    }
}

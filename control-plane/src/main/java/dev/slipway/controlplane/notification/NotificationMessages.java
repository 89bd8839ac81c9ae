package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a job's end says, as a generic webhook body, a Slack-compatible body and an email. Built once, when the job
 * ends; any of the app's secret values that turn up in free text (a failure reason, a commit message) are masked,
 * so no delivery ever carries one.
 */
final class NotificationMessages {

    static final String MASK = "********";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Job job;
    private final String appName;
    private final String consoleUrl;
    private final String siteUrl;
    private final String reason;
    private final String commitMessage;

    /** @param secrets the app's and branch's secret values; null when unknown, which leaves out all free text */
    NotificationMessages(Job job, String appName, String consoleUrl, String siteUrl, Collection<String> secrets) {
        this.job = job;
        this.appName = appName;
        this.consoleUrl = consoleUrl;
        this.siteUrl = siteUrl;
        List<String> longestFirst = secrets == null ? null : secrets.stream().filter(value -> value != null && !value.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.reason = mask(job.statusReason(), longestFirst);
        this.commitMessage = mask(job.commitMessage(), longestFirst);
    }

    private static String mask(String text, List<String> secrets) {
        if (text == null || secrets == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    String generic() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "job." + job.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("app", Map.of("appId", job.appId(), "name", appName));
        body.put("branch", job.branchName());
        body.put("jobId", job.jobId());
        body.put("jobType", job.jobType());
        body.put("status", job.status().name());
        body.put("reason", reason);
        body.put("commitId", job.commitId());
        body.put("commitMessage", commitMessage);
        body.put("consoleUrl", consoleUrl);
        body.put("siteUrl", siteUrl);
        body.put("endTime", job.endTime() == null ? null : job.endTime().toString());
        return JSON.writeValueAsString(body);
    }

    /** Slack's incoming webhook shape ({@code text} with mrkdwn links); Mattermost and others accept it too. */
    String slack() {
        String text = succeeded()
                ? ":white_check_mark: *" + slackEscape(appName) + "* `" + slackEscape(job.branchName()) + "`: job "
                        + job.jobId() + " deployed " + commit() + "\n<" + siteUrl + "|Open the site> · <"
                        + consoleUrl + "|Job>"
                : ":x: *" + slackEscape(appName) + "* `" + slackEscape(job.branchName()) + "`: job " + job.jobId()
                        + " failed " + commit() + (reason == null ? "" : "\n" + slackEscape(reason)) + "\n<"
                        + consoleUrl + "|Build log>";
        return JSON.writeValueAsString(Map.of("text", text));
    }

    String subject() {
        return "[Slipway] " + appName + " / " + job.branchName() + ": job " + job.jobId()
                + (succeeded() ? " deployed" : " failed");
    }

    String emailText() {
        StringBuilder text = new StringBuilder();
        text.append(succeeded() ? "Job " + job.jobId() + " of branch " + job.branchName() + " of app " + appName
                + " succeeded and is deployed." : "Job " + job.jobId() + " of branch " + job.branchName()
                + " of app " + appName + " failed.").append("\n\n");
        if (reason != null) {
            text.append("Reason: ").append(reason).append('\n');
        }
        if (job.commitId() != null) {
            text.append("Commit: ").append(job.commitId())
                    .append(commitMessage == null ? "" : " " + commitMessage.lines().findFirst().orElse(""))
                    .append('\n');
        }
        text.append("Job: ").append(consoleUrl).append('\n');
        if (succeeded()) {
            text.append("Site: ").append(siteUrl).append('\n');
        }
        return text.toString();
    }

    private boolean succeeded() {
        return job.status() == JobStatus.SUCCEED;
    }

    private String commit() {
        return job.commitId() == null ? "" : "(" + job.commitId().substring(0, Math.min(7, job.commitId().length()))
                + ")";
    }

    /** Slack's three control characters; the rest of the text is shown as is. */
    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

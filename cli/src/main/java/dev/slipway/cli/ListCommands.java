package dev.slipway.cli;

import dev.slipway.cli.Output.Column;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The read-only listings: apps, branches, jobs, deployments and domains, as tables or the API's JSON. */
final class ListCommands {

    private ListCommands() {
    }

    static int apps(Context context) {
        JsonNode answer = context.api().get("/api/v1/apps");
        context.output().table(answer, answer.path("apps"), List.of(Column.of("APP ID", "appId"),
                Column.of("NAME", "name"), Column.of("REPOSITORY", "repository"),
                Column.of("DEFAULT DOMAIN", "defaultDomain")));
        return SlipwayCli.OK;
    }

    static int branches(Context context) {
        JsonNode answer = context.api().get(context.appPath(1) + "/branches");
        context.output().table(answer, answer.path("branches"), List.of(Column.of("BRANCH", "branchName"),
                Column.of("STAGE", "stage"), Column.of("JOBS", "totalNumberOfJobs"),
                Column.of("LIVE DEPLOYMENT", "activeDeploymentId"), Column.of("URL", "branchUrl")));
        return SlipwayCli.OK;
    }

    static int jobs(Context context) {
        JsonNode answer = context.api().get(context.branchPath(1, 2) + "/jobs");
        context.output().table(answer, answer.path("jobSummaries"), List.of(Column.of("JOB", "jobId"),
                Column.of("TYPE", "jobType"), Column.of("STATUS", "status"),
                new Column("COMMIT", job -> abbreviated(job.path("commitId"))), Column.of("STARTED", "startTime")));
        return SlipwayCli.OK;
    }

    static int deployments(Context context) {
        JsonNode answer = context.api().get(context.branchPath(1, 2) + "/deployments");
        context.output().table(answer, answer.path("deployments"), List.of(Column.of("DEPLOYMENT", "deploymentId"),
                new Column("LIVE", d -> d.path("active").asBoolean() ? "*" : ""), Column.of("JOB", "jobId"),
                new Column("COMMIT", d -> abbreviated(d.path("commitId"))), Column.of("FILES", "fileCount"),
                Column.of("CREATED", "createTime")));
        return SlipwayCli.OK;
    }

    static int domains(Context context) {
        JsonNode answer = context.api().get(context.appPath(1) + "/domains");
        context.output().table(answer, answer.path("domainAssociations"), List.of(Column.of("DOMAIN", "domainName"),
                Column.of("STATUS", "domainStatus"),
                new Column("CERTIFICATE", d -> Output.text(d.path("certificate").path("type"))),
                new Column("SUBDOMAINS", d -> subDomains(d.path("subDomains"))),
                Column.of("REASON", "statusReason")));
        return SlipwayCli.OK;
    }

    private static String subDomains(JsonNode subDomains) {
        StringBuilder text = new StringBuilder();
        subDomains.forEach(sub -> {
            JsonNode setting = sub.path("subDomainSetting");
            text.append(text.isEmpty() ? "" : " ").append(setting.path("prefix").asString().isEmpty() ? "@"
                    : setting.path("prefix").asString()).append("->").append(setting.path("branchName").asString());
        });
        return text.isEmpty() ? "-" : text.toString();
    }

    private static String abbreviated(JsonNode commit) {
        String id = Output.text(commit);
        return id.matches("[0-9a-f]{40}") ? id.substring(0, 7) : id;
    }
}

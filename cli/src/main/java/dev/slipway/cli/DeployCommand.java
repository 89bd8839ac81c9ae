package dev.slipway.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code deploy <app> <branch> <folder|zip> [--no-wait] [--follow]}: a manual deploy as Amplify's CreateDeployment /
 * StartDeployment. A folder is zipped first; the zip is uploaded to the URL the API hands out, then the deployment
 * starts and, unless {@code --no-wait}, the command waits for the job and prints the site's URL.
 */
final class DeployCommand {

    private DeployCommand() {
    }

    static int run(Context context) throws IOException {
        String branchPath = context.branchPath(1, 2);
        Path source = Path.of(context.args().word(3, "the folder or .zip file to deploy"));
        boolean zipGiven = Files.isRegularFile(source);
        if (zipGiven && !source.getFileName().toString().toLowerCase().endsWith(".zip")) {
            throw new UsageException(source + " is not a .zip file or a folder");
        }
        Path zip = source;
        if (!zipGiven) {
            SiteZip.Zipped zipped = SiteZip.of(source);
            zip = zipped.file();
            context.output().info("Zipped " + zipped.files() + " files from " + source
                    + (zipped.skippedLinks() > 0 ? " (left out " + zipped.skippedLinks() + " symbolic links)" : ""));
        }
        try {
            JsonNode created = context.api().send("POST", branchPath + "/deployments", Map.of());
            String jobId = created.path("jobId").asString();
            Progress progress = new Progress(context.err(), Files.size(zip), context.terminal());
            context.api().upload(URI.create(created.path("zipUploadUrl").asString()), zip, "application/zip", progress);
            progress.finish();
            JsonNode started = context.api().send("POST", branchPath + "/deployments/start", Map.of("jobId", jobId));
            if (context.args().flag("--no-wait")) {
                context.output().result(started, "Deployment job " + jobId + " started");
                return SlipwayCli.OK;
            }
            String status = JobCommands.follow(context, branchPath + "/jobs/" + ApiClient.segment(jobId),
                    context.args().flag("--follow"));
            JsonNode branch = context.api().get(branchPath).path("branch");
            if (!"SUCCEED".equals(status)) {
                context.output().info("Deployment job " + jobId + " ended " + status + "; its log: slipway logs "
                        + context.args().word(1, "") + " " + context.args().word(2, "") + " " + jobId);
                return SlipwayCli.FAILED;
            }
            context.output().result(started, "Deployed (job " + jobId + "): " + branch.path("branchUrl").asString());
            return SlipwayCli.OK;
        } finally {
            if (!zipGiven) {
                Files.deleteIfExists(zip);
            }
        }
    }
}

package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayCli;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LogBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The user CLI (cli module) run in-process against this control plane over real HTTP, as a user's shell would. */
class CliIntegrationTests extends ControlPlaneIntegrationTest {

    @TempDir
    Path configDir;

    record Run(int exit, String out, String err) {
    }

    private Run cli(Map<String, String> env, String stdin, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SlipwayCli.run(words, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Logged in through the environment, as CI jobs do. */
    private Run cli(String... words) {
        return cli(Map.of("SLIPWAY_URL", "http://127.0.0.1:" + port, "SLIPWAY_TOKEN", ADMIN_TOKEN,
                "SLIPWAY_CONFIG_DIR", configDir.toString()), "", words);
    }

    @Test
    void loginChecksAndStoresTheTokenForTheUserAloneAndLogoutForgetsIt() throws Exception {
        String appId = createAppWithBranch("main", null);
        Map<String, String> env = Map.of("SLIPWAY_CONFIG_DIR", configDir.toString());
        String url = "http://127.0.0.1:" + port;

        Run refused = cli(env, "not-a-token\n", "login", "--url", url);
        assertThat(refused.exit()).as(refused.err()).isEqualTo(3);
        assertThat(refused.err()).contains("HTTP 401");
        assertThat(configDir.resolve("config.json")).doesNotExist();

        Run login = cli(env, ADMIN_TOKEN + "\n", "login", "--url", url + "/");
        assertThat(login.exit()).as(login.err()).isZero();
        Path config = configDir.resolve("config.json");
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(config)).contains(url + "\"", ADMIN_TOKEN);

        Run apps = cli(env, "", "apps");
        assertThat(apps.exit()).as(apps.err()).isZero();
        assertThat(apps.out()).startsWith("APP ID").contains(appId, "https://git.example.test/team/site.git");

        assertThat(cli(env, "", "logout").exit()).isZero();
        assertThat(config).doesNotExist();
        Run loggedOut = cli(env, "", "apps");
        assertThat(loggedOut.exit()).isEqualTo(3);
        assertThat(loggedOut.err()).contains("slipway login");
    }

    @Test
    void listsDeploymentsRollsBackWithoutABuildAndFollowsAJobToItsEnd() throws Exception {
        String appId = createAppWithBranch("main", null);
        String first = deploy(appId, "main");
        String second = deploy(appId, "main");

        Run deployments = cli("deployments", appId, "main");
        assertThat(deployments.out().lines().filter(line -> line.startsWith(second)).findFirst().orElseThrow())
                .contains("*");
        Run rollback = cli("rollback", appId, "main");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("main now serves " + first);
        assertThat(branch(appId).path("activeDeploymentId").asString()).isEqualTo(first);
        assertThat(jobCount(appId, "main")).as("no build").isEqualTo(2);

        Run build = cli("build", appId, "main", "--json");
        assertThat(build.exit()).as(build.err()).isZero();
        String jobId = JSON.readTree(build.out()).path("jobSummary").path("jobId").asString();
        assertThat(cli("jobs", appId, "main").out()).containsPattern("(?m)^" + jobId + " +RELEASE +PENDING");
        JsonNode lease = leaseFor(appId);
        String leaseId = lease.path("leaseId").asString();
        runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/logs", leaseId,
                new LogBatch(0, List.of("npm run build", "error: missing script")));
        runner("POST", "/runner/v1/jobs/" + lease.path("jobId").asLong() + "/complete", leaseId,
                new JobCompletion("FAILED", "Build failed", null));

        Run followed = cli("logs", appId, "main", jobId, "-f");
        assertThat(followed.exit()).as("a failed job fails the command").isEqualTo(1);
        assertThat(followed.out()).contains("npm run build\nerror: missing script\n");
        assertThat(followed.err()).contains("Job ended: FAILED");
        assertThat(cli("logs", appId, "main", jobId).out()).contains("error: missing script");
    }

    @Test
    void deploysAFolderOrAZipWithoutGitAndFailsWithTheJobWhenTheZipIsRefused() throws Exception {
        String appId = api("POST", "/api/v1/apps", Map.of("name", "cli site")).json().path("app").path("appId")
                .asString();
        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
        Path site = Files.createDirectories(configDir.resolve("dist/css"));
        Files.writeString(site.resolve("site.css"), "body{} /* " + appId + " */"); // blobs are shared by content
        Files.writeString(site.getParent().resolve("index.html"), "<h1>from the cli</h1>");

        Run deployed = cli("deploy", appId, "main", site.getParent().toString());
        assertThat(deployed.exit()).as(deployed.err()).isZero();
        assertThat(deployed.err()).contains("Zipped 2 files", "uploaded");
        assertThat(deployed.out()).containsPattern("Deployed \\(job \\d+\\): http://main\\." + appId);
        JsonNode deployments = api("GET", "/api/v1/apps/" + appId + "/branches/main/deployments", null).json()
                .path("deployments");
        assertThat(deployments).hasSize(1);
        assertThat(deployments.get(0).path("fileCount").asInt()).isEqualTo(2);

        Path zip = configDir.resolve("evil.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("../outside.html"));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Run refused = cli("deploy", appId, "main", zip.toString(), "--follow");
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("ended FAILED");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/main/deployments", null).json()
                .path("deployments")).hasSize(1);
    }

    @Test
    void setsAndUnsetsVariablesAndSecretsWithoutPrintingSecretValues() throws Exception {
        String appId = createAppWithBranch("main", null);
        assertThat(cli("env", "set", appId, "API_URL=https://api.test", "MODE=a=b").exit()).isZero();
        assertThat(cli("env", "set", appId, "MODE=branch", "--branch", "main").exit()).isZero();
        assertThat(cli("env", "unset", appId, "API_URL").exit()).isZero();
        JsonNode app = api("GET", "/api/v1/apps/" + appId, null).json().path("app");
        assertThat(app.path("environmentVariables").toString()).isEqualTo("{\"MODE\":\"a=b\"}");
        assertThat(branch(appId).path("environmentVariables").path("MODE").asString()).isEqualTo("branch");
        assertThat(cli("env", "list", appId).out()).contains("MODE  a=b");

        Map<String, String> env = new HashMap<>(Map.of("SLIPWAY_URL", "http://127.0.0.1:" + port, "SLIPWAY_TOKEN",
                ADMIN_TOKEN, "SLIPWAY_CONFIG_DIR", configDir.toString()));
        Run secret = cli(env, "s3cret-value-42\n", "secrets", "set", appId, "NPM_TOKEN");
        assertThat(secret.exit()).as(secret.err()).isZero();
        Run listed = cli("secrets", "list", appId);
        assertThat(listed.out()).contains("NPM_TOKEN");
        assertThat(secret.out() + secret.err() + listed.out() + listed.err()).doesNotContain("s3cret-value-42");
        assertThat(cli("secrets", "unset", appId, "NPM_TOKEN").exit()).isZero();
        assertThat(cli("secrets", "list", appId).out()).doesNotContain("NPM_TOKEN");
    }

    @Test
    void refusalsCarryTheApisReasonAndTheirOwnExitCodes() throws Exception {
        Run unknown = cli("branches", "d0000000000000");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("HTTP 404");
        Run badToken = cli(Map.of("SLIPWAY_URL", "http://127.0.0.1:" + port, "SLIPWAY_TOKEN", "wrong"), "", "apps");
        assertThat(badToken.exit()).isEqualTo(3);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(cli(Map.of("SLIPWAY_URL", "http://127.0.0.1:" + closed, "SLIPWAY_TOKEN", "x"), "", "apps").exit())
                .isEqualTo(4);
        Run usage = cli("deploy", "onlyAnApp");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("missing the branch name");
    }

    private JsonNode branch(String appId) throws IOException, InterruptedException {
        return api("GET", "/api/v1/apps/" + appId + "/branches/main", null).json().path("branch");
    }
}

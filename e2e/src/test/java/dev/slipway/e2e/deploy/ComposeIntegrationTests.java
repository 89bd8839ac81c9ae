package dev.slipway.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.PushToLiveIntegrationTests;
import dev.slipway.e2e.SiteRepository;
import dev.slipway.e2e.SlipwayStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, done-when: deploy/compose/compose.yaml brought up with the images `./slipway images --services` builds
 * here (no registry), as an operator does (`up -d` with an env file), serves a site pushed through its control plane
 * from its edge container. Its own project name, ports and volumes; `down -v` even when it fails.
 */
class ComposeIntegrationTests {

    private static final Duration API_START = Duration.ofMinutes(8);
    private static final String TOKEN = "compose-admin-" + random();

    @TempDir
    Path temp;

    @Test
    void upServesAPushedSiteFromTheEdgeContainer() throws Exception {
        String images = run(Duration.ofMinutes(20), SlipwayStack.projectRoot().resolve("slipway").toString(), "images",
                "--services");
        System.out.println("[compose-it] " + images.strip().replace("\n", "\n[compose-it] "));
        int apiPort = SlipwayStack.freePort();
        int edgePort = SlipwayStack.freePort();
        int s3Port = SlipwayStack.freePort();
        Path envFile = temp.resolve("slipway.env");
        Files.writeString(envFile, String.join("\n",
                "SLIPWAY_POSTGRES_IMAGE=" + built(images, "slipway/postgres"),
                "SLIPWAY_S3_IMAGE=" + built(images, "slipway/s3mock"),
                "SLIPWAY_DATABASE_PASSWORD=" + random(),
                "SLIPWAY_MASTER_KEY=" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)),
                "SLIPWAY_RUNNER_TOKEN=" + random(),
                "SLIPWAY_EDGE_TOKEN=" + random(),
                "SLIPWAY_BOOTSTRAP_TOKEN=" + TOKEN,
                "SLIPWAY_API_BIND=127.0.0.1",
                "SLIPWAY_API_PORT=" + apiPort,
                "SLIPWAY_PUBLIC_URL=http://127.0.0.1:" + apiPort,
                "SLIPWAY_EDGE_PORT=" + edgePort,
                "SLIPWAY_EDGE_HTTPS_PORT=" + SlipwayStack.freePort(),
                "SLIPWAY_COMPUTE_PORT=" + SlipwayStack.freePort(),
                "SLIPWAY_S3_PORT=" + s3Port,
                "SLIPWAY_RUNNER_S3_ENDPOINT=http://127.0.0.1:" + s3Port,
                ""));
        Path repoDir = temp.resolve("git/site");
        SiteRepository repo = SiteRepository.create(repoDir);
        List<String> compose = new ArrayList<>(composeCommand());
        compose.addAll(List.of("-p", "slipway-it-" + ProcessHandle.current().pid(), "--env-file", envFile.toString(),
                "-f", SlipwayStack.projectRoot().resolve("deploy/compose/compose.yaml").toString()));
        // the runner shares the host's network: it clones from a git daemon on this machine's loopback
        try (repo; GitDaemon git = GitDaemon.serve(repoDir.getParent(), "127.0.0.1")) {
            long up = System.nanoTime();
            run(Duration.ofMinutes(3), compose, "up", "-d");
            try {
                Api api = new Api("http://127.0.0.1:" + apiPort, TOKEN);
                Api.Response health = PushToLiveIntegrationTests.await(API_START, () -> {
                    try {
                        return api.get("/actuator/health");
                    } catch (IOException notYet) {
                        return new Api.Response(0, notYet.toString());
                    }
                }, response -> response.status() == 200);
                assertThat(health.status()).as("the control plane's health after %s%s", API_START, logs(compose))
                        .isEqualTo(200);
                Api.Response created = api.post("/api/v1/apps", Map.of("name", "compose-site", "repository",
                        git.url("site")));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                String appId = created.json().path("app").path("appId").asString();
                assertThat(api.post("/api/v1/apps/" + appId + "/branches",
                        Map.of("branchName", "main", "enableAutoBuild", true)).status()).isEqualTo(201);

                RevCommit commit = repo.commitPage("Served by Compose");
                PushToLiveIntegrationTests.pushAndAwaitSuccess(api, appId, repo, commit,
                        created.json().path("app").path("webhookSecret").asString());
                Api.Response page = api.siteShowing("http://127.0.0.1:" + edgePort, "main." + appId + ".localhost",
                        "/", "Served by Compose");
                assertThat(page.body()).as("the edge container's answer%s", logs(compose))
                        .contains("Served by Compose");
                System.out.printf("[compose-it] up -d to the first served site: %d s%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - up));
            } catch (AssertionError | Exception e) {
                System.out.println(logs(compose));
                throw e;
            } finally {
                run(Duration.ofMinutes(2), compose, "down", "-v", "--remove-orphans");
            }
        }
    }

    /** Compose v2 where the Docker CLI has it, else Debian's docker-compose 1.29. */
    private static List<String> composeCommand() throws Exception {
        Process probe = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor() == 0 ? List.of("docker", "compose") : List.of("docker-compose");
    }

    private static String built(String imagesOutput, String repository) {
        Matcher matcher = Pattern.compile("(" + Pattern.quote(repository) + ":\\S+)").matcher(imagesOutput);
        assertThat(matcher.find()).as("%s in%n%s", repository, imagesOutput).isTrue();
        return matcher.group(1);
    }

    private static String logs(List<String> compose) {
        try {
            return "\n" + run(Duration.ofMinutes(1), compose, "logs", "--no-color", "--tail=60");
        } catch (Exception | AssertionError e) {
            return "\n(no logs: " + e + ")";
        }
    }

    private static String run(Duration limit, List<String> command, String... args) throws Exception {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return run(limit, all.toArray(String[]::new));
    }

    /** Runs a command to its end; its merged output, or an assertion error with it when it fails. */
    private static String run(Duration limit, String... command) throws Exception {
        Path output = Files.createTempFile("slipway-compose-it", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(SlipwayStack.projectRoot().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended && process.exitValue() == 0).as("%s ended %s:%n%s", String.join(" ", command),
                    ended ? "with " + process.exitValue() : "not within " + limit, text).isTrue();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package dev.slipway.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.PushToLiveIntegrationTests;
import dev.slipway.e2e.SiteRepository;
import dev.slipway.e2e.SlowBuilds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18, done-when: Slipway on a real single-node Docker Swarm, deployed with deploy/swarm/up.sh from the locally
 * built images; a repository on a git server outside the containers (git daemon on this machine) builds through a
 * signed push and is live through an edge; a control plane killed mid-build is replaced by Swarm and the job
 * finishes; a rolling update of the edges under a paced load loses no request; down.sh and up.sh keep everything.
 * The tests share one stack and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmIntegrationTests {

    private static final int REQUESTS_PER_SECOND = 50;

    private SwarmStack stack;
    private GitDaemon git;
    private SiteRepository repo;
    private String appId;
    private String secret;

    @BeforeAll
    void deploy() throws Exception {
        Path root = Files.createTempDirectory("slipway-swarm");
        stack = SwarmStack.prepare(root.resolve("logs"));
        try {
            long started = System.nanoTime();
            stack.up();
            System.out.printf("[swarm] up.sh to API answering: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            repo = SiteRepository.create(root.resolve("repos/site"));
            git = GitDaemon.serve(root.resolve("repos"), "0.0.0.0");
            String url = git.url(SwarmStack.hostAddressForContainers(), "site");
            Api.Response created = stack.api().post("/api/v1/apps", Map.of("name", "swarm-site", "repository", url));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            appId = created.json().path("app").path("appId").asString();
            secret = created.json().path("app").path("webhookSecret").asString();
            assertThat(stack.api().post("/api/v1/apps/" + appId + "/branches",
                    Map.of("branchName", "main", "enableAutoBuild", true)).status()).isEqualTo(201);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(e.getMessage() + stack.logs(), e);
        }
    }

    @AfterAll
    void remove() throws Exception {
        try {
            if (repo != null) {
                repo.close();
            }
            if (git != null) {
                git.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private String host() {
        return "main." + appId + ".localhost";
    }

    @Test
    @Order(1)
    void aSignedPushIsLiveThroughTheEdge() throws Exception {
        RevCommit commit = repo.commitPage("Built on Swarm");
        PushToLiveIntegrationTests.pushAndAwaitSuccess(stack.api(), appId, repo, commit, secret);
        Api.Response page = stack.api().siteShowing(stack.edgeUrl(), host(), "/", "Built on Swarm");
        assertThat(page.body()).as(stack.logs()).contains("Built on Swarm");
        assertThat(stack.api().site(stack.edgeUrl(), host(), "/css/site.css").body()).contains("font-family");
    }

    @Test
    @Order(2)
    void aControlPlaneKilledMidBuildIsReplacedAndTheJobFinishes() throws Exception {
        List<String> before = stack.containers("control-plane");
        assertThat(before).as(stack.logs()).hasSize(2);
        RevCommit commit = repo.commitPage("Survived a control plane on Swarm", SlowBuilds.SPEC);
        String jobPath = SlowBuilds.pushAndAwaitRunning(stack.api(), stack.api(), appId, commit, secret, stack::logs);
        SwarmStack.docker("kill", before.get(0));

        JsonNode job = SlowBuilds.awaitFinished(stack.api(), jobPath);
        SlowBuilds.assertSucceededWithEveryTick(stack.api(), jobPath, job, stack::logs);
        assertThat(stack.api().siteShowing(stack.edgeUrl(), host(), "/", "Survived a control plane on Swarm").body())
                .contains("Survived a control plane on Swarm");
        List<String> after = PushToLiveIntegrationTests.await(Duration.ofMinutes(2), () -> stack.containers(
                "control-plane"), running -> running.size() == 2 && !running.contains(before.get(0)));
        assertThat(after).as("Swarm replaced the killed replica%s", stack.logs()).hasSize(2)
                .doesNotContain(before.get(0));
    }

    @Test
    @Order(3)
    void aRollingUpdateOfTheEdgesLosesNoRequest() throws Exception {
        List<String> before = stack.containers("edge");
        PacedLoad load = PacedLoad.start(stack.edgePort, host(), "Survived a control plane on Swarm",
                REQUESTS_PER_SECOND);
        try {
            Thread.sleep(2_000);
            // a new image name (the same build): what an upgrade does to the running service
            String next = stack.runTag("edge", "2");
            SwarmStack.docker("tag", stack.runTag("edge", "1"), next);
            SwarmStack.docker("service", "update", "--image", next, "--detach=false", SwarmStack.STACK + "_edge");
            Thread.sleep(3_000);
        } finally {
            load.close();
        }
        System.out.printf("[swarm] edge rolling update under %d req/s: %d sent, %d served, %d lost%n",
                REQUESTS_PER_SECOND, load.sent(), load.served(), load.failures().size());
        assertThat(stack.containers("edge")).as("a new edge runs").hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(load.failures()).as("requests lost of %d", load.sent()).isEmpty();
        assertThat(load.served()).isGreaterThan(REQUESTS_PER_SECOND * 5);
    }

    @Test
    @Order(4)
    void downAndUpAgainKeepAppsDeploymentsAndSites() throws Exception {
        String jobs = "/api/v1/apps/" + appId + "/branches/main/jobs";
        int jobsBefore = stack.api().get(jobs).json().path("jobSummaries").size();
        stack.down(false);
        assertThat(stack.containers("control-plane")).isEmpty();

        long started = System.nanoTime();
        stack.up();
        Api.Response page = PushToLiveIntegrationTests.await(Duration.ofMinutes(2),
                () -> siteOrUnavailable(), r -> r.status() == 200);
        System.out.printf("[swarm] up.sh to first served site: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(page.body()).as(stack.logs()).contains("Survived a control plane on Swarm");
        assertThat(stack.api().get("/api/v1/apps").body()).contains("swarm-site");
        assertThat(stack.api().get(jobs).json().path("jobSummaries").size()).isEqualTo(jobsBefore);
    }

    private Api.Response siteOrUnavailable() {
        try {
            return stack.api().site(stack.edgeUrl(), host(), "/");
        } catch (java.io.IOException | InterruptedException | RuntimeException notYet) {
            return new Api.Response(0, notYet.toString());
        }
    }
}

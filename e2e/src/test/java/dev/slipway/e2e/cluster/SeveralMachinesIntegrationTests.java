package dev.slipway.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.PushToLiveIntegrationTests;
import dev.slipway.e2e.SiteRepository;
import dev.slipway.e2e.SlowBuilds;
import dev.slipway.e2e.security.ConsoleSession;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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
 * Issue "Off one machine", done-when: separate processes with separate data directories (one PostgreSQL server, one
 * S3 server, two control planes behind a load balancer, two runners, two edges), driven over HTTP as users and
 * operators would. The tests share one cluster and run in order; the last one stops the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralMachinesIntegrationTests {

    private Path root;
    private Cluster cluster;
    private SiteRepository repo;
    private String appId;
    private String secret;

    @BeforeAll
    void startCluster() throws Exception {
        root = Files.createTempDirectory("slipway-cluster");
        cluster = Cluster.start(root.resolve("machines"));
        repo = SiteRepository.create(root.resolve("repo"));
        Api api = cluster.apiA();
        Api.Response created = api.post("/api/v1/apps", Map.of("name", "cluster-site", "repository", repo.url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        appId = created.json().path("app").path("appId").asString();
        secret = created.json().path("app").path("webhookSecret").asString();
        assertThat(api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main", "enableAutoBuild", true))
                .status()).isEqualTo(201);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (repo != null) {
            repo.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private String host() {
        return "main." + appId + ".localhost";
    }

    @Test
    @Order(1)
    void aSignedPushToOneControlPlaneIsLiveOnBothEdges() throws Exception {
        RevCommit commit = repo.commitPage("Built across machines");
        PushToLiveIntegrationTests.pushAndAwaitSuccess(cluster.apiA(), appId, repo, commit, secret);
        for (int edge = 0; edge < 2; edge++) {
            Api.Response page = cluster.apiB().siteShowing(cluster.edgeUrl(edge), host(), "/", "Built across machines");
            assertThat(page.body()).as("edge %d%s", edge + 1, cluster.logs()).contains("Built across machines");
            assertThat(cluster.apiB().site(cluster.edgeUrl(edge), host(), "/css/site.css").body())
                    .contains("font-family");
        }
        // nothing of the deployment is on the control planes' or runners' disks: the store is S3
        assertThat(filesUnder(cluster.controlPlaneA.dataDir.resolve("blobs"))).isZero();
        assertThat(filesUnder(cluster.runners.get(0).dataDir.resolve("blobs"))).isZero();
    }

    @Test
    @Order(2)
    void aConsoleSessionFromOneControlPlaneWorksOnTheOther() throws Exception {
        ConsoleSession onA = new ConsoleSession("http://127.0.0.1:" + cluster.portA);
        HttpResponse<String> signedIn = onA.signIn(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD, Map.of());
        assertThat(ConsoleSession.location(signedIn)).endsWith("/apps");

        ConsoleSession onB = onA.at("http://127.0.0.1:" + cluster.portB);
        HttpResponse<String> apps = onB.get("/apps", Map.of());
        assertThat(apps.statusCode()).as("B answers the session A made").isEqualTo(200);
        assertThat(apps.body()).contains("cluster-site");
        // a form post on B with the CSRF token of a page B rendered: the token lives in the shared session too
        HttpResponse<String> signedOut = onB.post("/logout", Map.of("_csrf", onB.csrf("/apps")), Map.of());
        assertThat(ConsoleSession.location(signedOut)).contains("/login");
        assertThat(ConsoleSession.location(onA.get("/apps", Map.of()))).as("signed out on A as well")
                .contains("/login");
    }

    @Test
    @Order(3)
    void aControlPlaneKilledMidBuildLosesNothing() throws Exception {
        RevCommit commit = repo.commitPage("Survived a control plane", SlowBuilds.SPEC);
        String jobPath = pushAndAwaitRunning(commit);
        cluster.controlPlaneA.kill();
        try {
            JsonNode job = SlowBuilds.awaitFinished(cluster.apiB(), jobPath);
            SlowBuilds.assertSucceededWithEveryTick(cluster.apiB(), jobPath, job, cluster::logs);
            assertThat(cluster.apiB().siteShowing(cluster.edgeUrl(1), host(), "/", "Survived a control plane").body())
                    .contains("Survived a control plane");
        } finally {
            cluster.controlPlaneA.restart(Cluster.healthOf(cluster.portA));
        }
    }

    /**
     * The lease reaper ticks every 2 s on whichever control plane holds its lock ({@code task_runs}): over a window
     * with both control planes alive, its runs never overlap, come from one holder, and number one per interval (two
     * control planes each running it would double them).
     */
    @Test
    @Order(4)
    void aBackgroundTaskRunsOnOneControlPlaneAtATime() throws Exception {
        Thread.sleep(20_000);
        List<Run> runs = new ArrayList<>();
        try (Connection db = cluster.postgres.connect(); PreparedStatement query = db.prepareStatement("""
                SELECT holder, extract(epoch FROM started_at), extract(epoch FROM finished_at) FROM task_runs
                WHERE name = 'lease-reaper' AND started_at > now() - interval '16 seconds' ORDER BY started_at""")) {
            ResultSet rows = query.executeQuery();
            while (rows.next()) {
                runs.add(new Run(rows.getString(1), rows.getDouble(2), rows.getDouble(3)));
            }
        }
        assertThat(runs).as("runs of the lease reaper in 16 s").hasSizeBetween(4, 10);
        assertThat(runs.stream().map(Run::holder).distinct()).as("holders while both live").hasSize(1);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).started()).as("run %d starts after run %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(runs.get(i - 1).finished());
        }
    }

    private record Run(String holder, double started, double finished) {
    }

    @Test
    @Order(5)
    void aPostgresRestartMidBuildLosesNothing() throws Exception {
        RevCommit commit = repo.commitPage("Survived a database restart", SlowBuilds.SPEC);
        String jobPath = pushAndAwaitRunning(commit);
        cluster.postgres.stop();
        Thread.sleep(3_000); // a few seconds of outage, as a failover takes
        cluster.postgres.start();
        JsonNode job = SlowBuilds.awaitFinished(cluster.apiB(), jobPath);
        assertThat(job.path("summary").path("status").asString())
                .as("job %s%s", job, cluster.logs()).isEqualTo("SUCCEED");
        for (int edge = 0; edge < 2; edge++) {
            assertThat(cluster.apiA().siteShowing(cluster.edgeUrl(edge), host(), "/", "Survived a database restart")
                    .body()).contains("Survived a database restart");
        }
    }

    @Test
    @Order(9)
    void withTheStoreStoppedBothEdgesStillServeTheSite() throws Exception {
        cluster.s3.close();
        for (int edge = 0; edge < 2; edge++) {
            Api.Response page = cluster.apiA().site(cluster.edgeUrl(edge), host(), "/");
            assertThat(page.status()).as("edge %d%s", edge + 1, cluster.logs()).isEqualTo(200);
            assertThat(page.body()).contains("Survived a database restart");
            assertThat(cluster.apiA().site(cluster.edgeUrl(edge), host(), "/css/site.css").body())
                    .contains("font-family");
        }
    }

    /** Pushes to control plane A and returns the job's API path once a runner reports it RUNNING. */
    private String pushAndAwaitRunning(RevCommit commit) throws Exception {
        return SlowBuilds.pushAndAwaitRunning(cluster.apiA(), cluster.apiB(), appId, commit, secret, cluster::logs);
    }

    private static long filesUnder(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}

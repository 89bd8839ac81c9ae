package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue "Push to live": the real processes from {@code ./slipway up}, a real git repository, a signed GitHub push,
 * a build in the real Docker engine, the page through the real edge, a second push, rollback, a forged delivery,
 * a redelivery, and a restart that keeps everything.
 */
public class PushToLiveIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void pushBuildsAndServesRollsBackAndSurvivesRestart() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        try (SiteRepository repo = SiteRepository.create(temp.resolve("repo"))) {
            SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token);
            try {
                Api api = new Api(stack.apiUrl(), token);
                assertThat(stack.output()).contains("docker executor");

                Api.Response created = api.post("/api/v1/apps", Map.of("name", "e2e-site", "repository", repo.url(),
                        "environmentVariables", Map.of("GREETING", "Hello")));
                assertThat(created.status()).isEqualTo(201);
                JsonNode app = created.json().path("app");
                String appId = app.path("appId").asString();
                String secret = app.path("webhookSecret").asString();
                assertThat(appId).matches("d[a-z0-9]{13}");
                assertThat(app.path("defaultDomain").asString()).isEqualTo(appId + ".localhost");
                assertThat(api.post("/api/v1/apps/" + appId + "/branches",
                        Map.of("branchName", "main", "enableAutoBuild", true)).status()).isEqualTo(201);
                String host = "main." + appId + ".localhost";
                String jobs = "/api/v1/apps/" + appId + "/branches/main/jobs";

                RevCommit first = repo.commitPage("Version one");
                String firstJob = pushAndAwaitSuccess(api, appId, repo, first, secret);
                assertThat(firstJob).isEqualTo("1");
                assertSiteShows(api, stack, host, "Version one");
                Api.Response page = api.site(stack.edgeUrl(), host, "/");
                assertThat(page.body()).contains("<p>Hello from main</p>");
                assertThat(api.site(stack.edgeUrl(), host, "/css/site.css").body()).contains("font-family");
                assertThat(api.site(stack.edgeUrl(), host, "/nope.html").status()).isEqualTo(404);
                assertSpaRuleAppliesWithoutARebuild(api, stack, appId, host);
                assertThat(api.get(jobs + "/1/logs").body())
                        .contains("# Executing command: mkdir -p dist", "building main job 0000000001");

                RevCommit second = repo.commitPage("Version two");
                assertThat(pushAndAwaitSuccess(api, appId, repo, second, secret)).isEqualTo("2");
                assertSiteShows(api, stack, host, "Version two");

                JsonNode deployments = api.get("/api/v1/apps/" + appId + "/branches/main/deployments").json()
                        .path("deployments");
                assertThat(deployments.size()).isEqualTo(2);
                assertThat(deployments.get(0).path("active").asBoolean()).isTrue();
                JsonNode old = deployments.get(1);
                assertThat(old.path("commitId").asString()).isEqualTo(first.name());
                assertThat(api.post("/api/v1/apps/" + appId + "/branches/main/deployments/"
                        + old.path("deploymentId").asString() + "/activate", Map.of()).status()).isEqualTo(200);
                assertSiteShows(api, stack, host, "Version one");

                GitHubDeliveries.Delivery forged = GitHubDeliveries.push("main", repo.commitPage("Forged"), "wrong");
                Api.Response refused = api.postRaw("/hooks/github/" + appId, forged.body(), forged.headers());
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.body()).contains("\"status\":401");
                GitHubDeliveries.Delivery unsigned = GitHubDeliveries.push("main", repo.commitPage("Unsigned"), secret);
                Map<String, String> noSignature = new java.util.HashMap<>(unsigned.headers());
                noSignature.remove("X-Hub-Signature-256");
                assertThat(api.postRaw("/hooks/github/" + appId, unsigned.body(), noSignature).status()).isEqualTo(401);
                assertThat(api.get(jobs).json().path("jobSummaries").size()).isEqualTo(2);

                stack = stack.restart();
                api = new Api(stack.apiUrl(), token);
                assertThat(api.get("/api/v1/apps/" + appId).json().path("app").path("name").asString())
                        .isEqualTo("e2e-site");
                assertThat(api.get(jobs).json().path("jobSummaries").size()).isEqualTo(2);
                assertSiteShows(api, stack, host, "Version one");
                assertThat(stack.stop()).isZero();
            } finally {
                stack.close();
            }
        }
    }

    public static String pushAndAwaitSuccess(Api api, String appId, SiteRepository repo, RevCommit commit,
            String secret) throws Exception {
        GitHubDeliveries.Delivery delivery = GitHubDeliveries.push("main", commit, secret);
        Api.Response accepted = api.postRaw("/hooks/github/" + appId, delivery.body(), delivery.headers());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String jobId = accepted.json().path("jobId").asString();
        assertThat(accepted.json().path("branchName").asString()).isEqualTo("main");
        Api.Response again = api.postRaw("/hooks/github/" + appId, delivery.body(), delivery.headers());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("result").asString()).isEqualTo("DUPLICATE");

        String path = "/api/v1/apps/" + appId + "/branches/main/jobs/" + jobId;
        JsonNode job = await(Duration.ofMinutes(3), () -> api.get(path).json().path("job"),
                j -> isFinished(j.path("summary").path("status").asString()));
        assertThat(job.path("summary").path("status").asString())
                .as("job %s ended %s; log:%n%s", jobId, job, api.get(path + "/logs").body()).isEqualTo("SUCCEED");
        assertThat(job.path("summary").path("commitId").asString()).isEqualTo(commit.name());
        assertThat(job.path("steps").toString()).contains("\"stepName\":\"BUILD\"", "\"stepName\":\"DEPLOY\"");
        return jobId;
    }

    /** Issue 4: customRules set through the API reach the edge with the next route version, no build involved. */
    private static void assertSpaRuleAppliesWithoutARebuild(Api api, SlipwayStack stack, String appId, String host)
            throws Exception {
        Map<String, String> spa = Map.of("source",
                "</^[^.]+$|\\.(?!(css|gif|ico|jpg|js|png|txt|svg|woff|woff2|ttf|map|json|webp)$)([^.]+$)/>",
                "target", "/index.html", "status", "200");
        Api.Response patched = api.patch("/api/v1/apps/" + appId, Map.of("customRules", java.util.List.of(spa)));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Api.Response route = await(Duration.ofSeconds(15), () -> api.site(stack.edgeUrl(), host, "/dashboard/settings"),
                r -> r.status() == 200);
        assertThat(route.status()).isEqualTo(200);
        assertThat(route.body()).contains("Version one");
        assertThat(api.site(stack.edgeUrl(), host, "/css/site.css").body()).as("assets are not rewritten")
                .contains("font-family");
        assertThat(api.get("/api/v1/apps/" + appId + "/branches/main/jobs").json().path("jobSummaries").size())
                .isEqualTo(1);
    }

    private static void assertSiteShows(Api api, SlipwayStack stack, String host, String text) throws Exception {
        Api.Response page = await(Duration.ofSeconds(15), () -> api.site(stack.edgeUrl(), host, "/"),
                r -> r.status() == 200 && r.body().contains(text));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(text);
    }

    private static boolean isFinished(String status) {
        return status.equals("SUCCEED") || status.equals("FAILED") || status.equals("CANCELLED");
    }

    public static <T> T await(Duration timeout, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = probe.call();
        }
        return value;
    }
}

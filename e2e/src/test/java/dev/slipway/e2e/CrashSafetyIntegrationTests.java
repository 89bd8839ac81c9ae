package dev.slipway.e2e;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process-level crash safety with real processes and kill -9 (SIGKILL, no cleanup):
 * <ul>
 * <li>a runner building two jobs at once ({@code max-concurrent-builds=2}) is killed mid-build; its leases expire, both
 * jobs are re-queued, and the restarted runner removes the orphaned containers and finishes them;</li>
 * <li>the control plane is killed while a job waits in the queue; after a restart that job still runs.</li>
 * </ul>
 * {@code ./slipway up} starts the killed process again by itself; the other processes keep running.
 */
class CrashSafetyIntegrationTests {

    static final Map<String, String> FAST_LEASES = Map.of("SLIPWAY_CONTROLPLANE_RUNNERLEASE", "4s");
    static final String SLOW_SPEC = SiteRepository.AMPLIFY_YML.replace("- mkdir -p dist",
            "- sleep 8\n        - mkdir -p dist");

    @TempDir
    Path temp;

    @Test
    void killNineOfARunnerMidBuildRequeuesItsJobsAndTheNextRunnerFinishesThem() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        Map<String, String> environment = new java.util.HashMap<>(FAST_LEASES);
        environment.put("SLIPWAY_MAX_CONCURRENT_BUILDS", "2");
        try (SiteRepository one = repository("one", "First survivor", SLOW_SPEC);
             SiteRepository two = repository("two", "Second survivor", SLOW_SPEC)) {
            SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token, environment);
            try {
                Api api = new Api(stack.apiUrl(), token);
                String first = startedApp(api, "one", one);
                String second = startedApp(api, "two", two);
                for (String appId : List.of(first, second)) {
                    assertThat(awaitSleeping(api, appId)).as("both builds run at the same time")
                            .contains("# Executing command: sleep 8");
                }
                assertThat(status(api, first)).isEqualTo("RUNNING");
                assertThat(status(api, second)).isEqualTo("RUNNING");
                List<String> orphans = new ArrayList<>(BuildContainers.of(first));
                orphans.addAll(BuildContainers.of(second));
                assertThat(orphans).hasSize(2);

                stack.crash("build-runner");
                for (String appId : List.of(first, second)) {
                    assertThat(finish(api, appId)).as(api.get(jobs(appId) + "/1/logs").body())
                            .isEqualTo("SUCCEED");
                }
                assertThat(api.siteShowing(stack.edgeUrl(), "main." + first + ".localhost", "/", "First survivor").body())
                        .contains("First survivor");
                for (String orphan : orphans) {
                    assertThat(BuildContainers.exists(orphan)).as("orphaned build container removed by the restarted runner")
                            .isFalse();
                }
            } finally {
                stack.close();
            }
        }
    }

    @Test
    void killNineOfTheControlPlaneKeepsAQueuedJobWhichRunsAfterTheRestart() throws Exception {
        String token = "e2e-" + UUID.randomUUID();
        try (SiteRepository busy = repository("busy", "Busy", SLOW_SPEC);
             SiteRepository queued = repository("queued", "Queued before the crash", SiteRepository.AMPLIFY_YML)) {
            SlipwayStack stack = SlipwayStack.start(temp.resolve("data"), token, FAST_LEASES);
            try {
                Api api = new Api(stack.apiUrl(), token);
                String busyApp = startedApp(api, "busy", busy);
                awaitSleeping(api, busyApp);
                String queuedApp = startedApp(api, "queued", queued);
                assertThat(status(api, queuedApp)).as("the only build slot is busy").isEqualTo("PENDING");

                stack.crash("control-plane");
                assertThat(finish(api, queuedApp)).as(api.get(jobs(queuedApp) + "/1/logs").body())
                        .isEqualTo("SUCCEED");
                assertThat(api.siteShowing(stack.edgeUrl(), "main." + queuedApp + ".localhost", "/",
                        "Queued before the crash").body()).contains("Queued before the crash");
                assertThat(finish(api, busyApp)).as("the interrupted build is re-queued once and finishes")
                        .isEqualTo("SUCCEED");
            } finally {
                stack.close();
            }
        }
    }

    private SiteRepository repository(String name, String heading, String amplifyYml) throws Exception {
        return repository(temp, name, heading, amplifyYml);
    }

    static SiteRepository repository(Path temp, String name, String heading, String amplifyYml) throws Exception {
        SiteRepository repo = SiteRepository.create(temp.resolve(name));
        repo.commitPage(heading, amplifyYml);
        return repo;
    }

    static String awaitSleeping(Api api, String appId) throws Exception {
        return await(Duration.ofSeconds(90), () -> api.get(jobs(appId) + "/1/logs").body(),
                body -> body.contains("# Executing command: sleep 8"));
    }

    /** A new app with a main branch, and its first job started. */
    static String startedApp(Api api, String name, SiteRepository repo) throws Exception {
        String appId = api.post("/api/v1/apps", Map.of("name", name, "repository", repo.url(),
                "environmentVariables", Map.of("GREETING", "Hi"))).json().path("app").path("appId").asString();
        api.post("/api/v1/apps/" + appId + "/branches", Map.of("branchName", "main"));
        start(api, appId);
        return appId;
    }

    static String jobs(String appId) {
        return "/api/v1/apps/" + appId + "/branches/main/jobs";
    }

    static void start(Api api, String appId) throws Exception {
        assertThat(api.post(jobs(appId), Map.of("jobType", "RELEASE")).status()).isEqualTo(201);
    }

    static String status(Api api, String appId) throws Exception {
        try {
            return api.get(jobs(appId) + "/1").json().path("job").path("summary").path("status").asString();
        } catch (IOException e) {
            return "(control plane down)";
        }
    }

    static String finish(Api api, String appId) throws Exception {
        return await(Duration.ofMinutes(3), () -> status(api, appId),
                s -> List.of("SUCCEED", "FAILED", "CANCELLED").contains(s));
    }
}

package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jgit.revwalk.RevCommit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** A build that takes a while and logs as it goes: long enough to kill things under it (control planes, databases). */
public final class SlowBuilds {

    public static final String SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - for i in $(seq 1 20); do echo "tick $i of 20"; sleep 1; done
                    - mkdir -p dist
                    - cp -r site/* dist/
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;

    private static final Set<String> FINISHED = Set.of("SUCCEED", "FAILED", "CANCELLED");

    private SlowBuilds() {
    }

    /**
     * Sends the signed push of {@code commit} to {@code pushTo} and returns the job's API path once {@code watch}
     * reports it RUNNING and two ticks into the build, so that what follows happens mid-build.
     */
    public static String pushAndAwaitRunning(Api pushTo, Api watch, String appId, RevCommit commit, String secret,
            Supplier<String> diagnostics) throws Exception {
        GitHubDeliveries.Delivery delivery = GitHubDeliveries.push("main", commit, secret);
        Api.Response accepted = pushTo.postRaw("/hooks/github/" + appId, delivery.body(), delivery.headers());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String jobPath = "/api/v1/apps/" + appId + "/branches/main/jobs/" + accepted.json().path("jobId").asString();
        String status = PushToLiveIntegrationTests.await(Duration.ofMinutes(2), () -> {
            String now = watch.get(jobPath).json().path("job").path("summary").path("status").asString();
            return now.equals("RUNNING") && watch.get(jobPath + "/logs").body().contains("tick 2 of 20")
                    ? "RUNNING, ticking" : now;
        }, now -> now.equals("RUNNING, ticking") || FINISHED.contains(now));
        assertThat(status).as(diagnostics).isEqualTo("RUNNING, ticking");
        return jobPath;
    }

    /** The job once finished; asks again while the API does not answer (a control plane may be restarting). */
    public static JsonNode awaitFinished(Api api, String jobPath) throws Exception {
        return PushToLiveIntegrationTests.await(Duration.ofMinutes(3), () -> {
            try {
                return api.get(jobPath).json().path("job");
            } catch (java.io.IOException | RuntimeException unavailable) {
                return MissingNode.getInstance();
            }
        }, job -> FINISHED.contains(job.path("summary").path("status").asString()));
    }

    /** Asserts that the job succeeded and its log has every tick: nothing of the build was lost. */
    public static void assertSucceededWithEveryTick(Api api, String jobPath, JsonNode job, Supplier<String> diagnostics)
            throws Exception {
        assertThat(job.path("summary").path("status").asString()).as("job %s%s", job, diagnostics.get())
                .isEqualTo("SUCCEED");
        String log = api.get(jobPath + "/logs").body();
        for (int tick = 1; tick <= 20; tick++) {
            assertThat(log).contains("tick " + tick + " of 20");
        }
    }
}

package dev.slipway.runner.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.StepRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Docker engine, real build image. Fails (never skips) when Docker is missing. */
class DockerExecutorIntegrationTests {

    private static DockerClient docker;
    private static DockerExecutor executor;
    private static long nextJob = System.currentTimeMillis() % 1_000_000 * 10;

    @TempDir
    Path temp;
    private Workflow workflow;

    @BeforeAll
    static void engine() throws Exception {
        docker = DockerClients.create();
        executor = new DockerExecutor(docker, BuildImage.IMAGE, Path.of("/etc/ssl/certs/ca-certificates.crt"),
                "docker-executor-tests");
        assertThat(executor.isAvailable()).as("a Docker engine must answer (tests never skip)").isTrue();
        BuildImage.ensure();
    }

    @AfterEach
    void cleanUp() {
        if (workflow != null) {
            executor.destroyWorkflow(workflow);
            assertThat(containersOf(workflow.jobId())).isEmpty();
        }
    }

    @Test
    void streamsLinesInOrderAndCopiesFilesOut() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src/app"));
        Files.writeString(src.resolve("input.txt"), "from the repo");
        workflow = newWorkflow();
        Step step = step("""
                for i in $(seq 1 200); do echo "line $i"; done
                echo "to stderr" >&2
                mkdir -p dist/sub
                cp input.txt dist/copied.txt
                echo "$GREETING" > dist/sub/env.txt
                test -f /slipway/ca.crt && echo "ca=$NODE_EXTRA_CA_CERTS"
                printf 'no newline at the end'
                """, "app", 256L << 20);
        List<String> lines = new CopyOnWriteArrayList<>();

        StepOutcome outcome = run(step, lines, Duration.ofSeconds(60));

        assertThat(outcome).isEqualTo(new StepOutcome(0, false, false));
        assertThat(lines.stream().filter(l -> l.startsWith("line ")).toList()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(i -> "line " + i).toList());
        assertThat(lines).contains("to stderr", "ca=/slipway/ca.crt", "no newline at the end");
        Path out = temp.resolve("out");
        assertThat(executor.copyOut(workflow, step, "app/dist", out)).isTrue();
        assertThat(Files.readString(out.resolve("copied.txt"))).isEqualTo("from the repo");
        assertThat(Files.readString(out.resolve("sub/env.txt"))).isEqualTo("hello world\n");
        assertThat(executor.copyOut(workflow, step, "app/missing", temp.resolve("none"))).isFalse();
        executor.destroyStep(workflow, step);
        executor.destroyStep(workflow, step);
    }

    @Test
    void failingCommandGivesExitCodeAndFailureLine() throws Exception {
        Files.createDirectories(temp.resolve("src"));
        workflow = newWorkflow();
        String script = """
                __slipway_cmd=''
                __slipway_failed() { local rc=$?; printf '%s%s: %s\\n' '!!! Command failed with exit code ' "$rc" "$__slipway_cmd"; exit "$rc"; }
                trap __slipway_failed ERR
                __slipway_cmd='ls /nope'
                ls /nope
                echo never
                """;
        List<String> lines = new CopyOnWriteArrayList<>();
        StepOutcome outcome = run(step(script, "", 256L << 20), lines, Duration.ofSeconds(60));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.oomKilled()).isFalse();
        assertThat(lines).contains("!!! Command failed with exit code 2: ls /nope").doesNotContain("never");
    }

    @Test
    void timeoutKillsAndRemovesTheContainer() throws Exception {
        Files.createDirectories(temp.resolve("src"));
        workflow = newWorkflow();
        long start = System.nanoTime();
        StepOutcome outcome = run(step("echo sleeping; sleep 30", "", 256L << 20), new CopyOnWriteArrayList<>(),
                Duration.ofSeconds(2));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(containersOf(workflow.jobId())).isEmpty();
    }

    @Test
    void memoryLimitKillsWithOomFlag() throws Exception {
        Files.createDirectories(temp.resolve("src"));
        workflow = newWorkflow();
        StepOutcome outcome = run(step("head -c 200m /dev/zero | tail; echo after", "", 32L << 20),
                new CopyOnWriteArrayList<>(), Duration.ofSeconds(60));
        assertThat(outcome.oomKilled()).isTrue();
    }

    private StepOutcome run(Step step, List<String> lines, Duration timeout) throws Exception {
        return StepRuns.run(executor, workflow, step, lines, timeout);
    }

    private Workflow newWorkflow() {
        return new Workflow(++nextJob, temp.resolve("src"), temp.resolve("scratch"));
    }

    private static Step step(String script, String workingDir, long memory) {
        return new Step("build", script, Map.of("GREETING", "hello world"), workingDir, memory, 1_000_000_000L);
    }

    private static List<?> containersOf(long jobId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerExecutor.JOB_LABEL, Long.toString(jobId))).exec();
    }
}

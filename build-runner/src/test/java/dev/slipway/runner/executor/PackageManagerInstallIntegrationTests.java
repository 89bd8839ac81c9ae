package dev.slipway.runner.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.slipway.runner.spec.BuildScript;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.FixtureInstalls;
import dev.slipway.runner.support.StepRuns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real amplify.yml fixture whose install step is plain npm, Yarn or pnpm (with {@code corepack enable},
 * {@code npm install -g pnpm}, {@code nvm use} before it) gets past that step in the build image, on a generated
 * package.json with one real dependency and the manager's lock file. One container per package manager runs all of
 * that manager's distinct install sequences, each on a fresh copy of the project and a fresh {@code /usr/local} (so
 * one sequence's {@code corepack enable} cannot help the next); Docker, the image and the npm registry are real.
 */
class PackageManagerInstallIntegrationTests {

    private static final String PACKAGE_JSON = """
            {"name":"fixture-app","version":"1.0.0","private":true,
             "scripts":{"build":"node -e \\"require('is-number')\\""},
             "dependencies":{"is-number":"7.0.0"}}
            """;
    private static final Map<String, String> LOCK_COMMANDS = Map.of(
            "npm", "npm install --package-lock-only --no-audit --no-fund",
            "yarn", "yarn install --silent && rm -rf node_modules",
            "pnpm", "pnpm install --lockfile-only");

    private static DockerExecutor executor;
    private static Map<String, Set<List<String>>> installs;
    private static long nextJob = System.currentTimeMillis() % 1_000_000 * 10 + 5;

    @TempDir
    Path temp;

    @BeforeAll
    static void setUp() throws Exception {
        executor = BuildImage.executor("package-manager-tests");
        String shared = System.getProperty("slipway.shared.dir");
        assertThat(shared).as("system property slipway.shared.dir").isNotNull();
        installs = FixtureInstalls.byManager(Path.of(shared, "fixtures", "amplify-yml"));
    }

    @Test
    void fixturesCoverAllThreeManagers() {
        assertThat(installs.keySet()).containsExactly("npm", "pnpm", "yarn");
        assertThat(installs.get("npm")).contains(List.of("npm ci"), List.of("nvm install 20", "nvm use 20", "node -v",
                "npm ci"));
        assertThat(installs.get("pnpm")).contains(List.of("corepack enable", "pnpm install"),
                List.of("npm install -g pnpm", "pnpm config set store-dir .pnpm-store", "pnpm install"));
        assertThat(installs.get("yarn")).contains(List.of("corepack enable", "yarn install --immutable"),
                List.of("yarn"));
    }

    @Test
    void npmInstallSequencesSucceed() throws Exception {
        assertAllInstall("npm");
    }

    @Test
    void yarnInstallSequencesSucceed() throws Exception {
        assertAllInstall("yarn");
    }

    @Test
    void pnpmInstallSequencesSucceed() throws Exception {
        assertAllInstall("pnpm");
    }

    private void assertAllInstall(String manager) throws Exception {
        List<List<String>> sequences = new ArrayList<>(installs.get(manager));
        assertThat(sequences).isNotEmpty();
        Files.createDirectories(temp.resolve("src"));
        Workflow workflow = new Workflow(++nextJob, temp.resolve("src"), temp.resolve("scratch"));
        Step step = new Step("install-" + manager, script(manager, sequences), Map.of("CI", "true"), "",
                2L << 30, 2_000_000_000L);
        List<String> lines = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        try {
            StepOutcome outcome = StepRuns.run(executor, workflow, step, lines, Duration.ofMinutes(10));
            assertThat(outcome.exitCode()).as(String.join("\n", lines)).isZero();
        } finally {
            executor.destroyWorkflow(workflow);
        }
        System.out.printf("%s: %d install sequences in one container, %.1f s%n", manager, sequences.size(),
                (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < sequences.size(); i++) {
            if (!lines.contains("CASE " + i + " OK")) {
                fail(manager + " install sequence " + sequences.get(i) + " did not get past its install step:\n"
                        + String.join("\n", lines));
            }
        }
    }

    /** The lock file is made once; each sequence then runs with set -e and must leave the dependency installed. */
    private static String script(String manager, List<List<String>> sequences) {
        StringBuilder s = new StringBuilder("""
                set -e
                cp -a /usr/local /tmp/pristine-usr-local
                mkdir -p /tmp/base && cd /tmp/base
                cat > package.json <<'SLIPWAY_JSON'
                %sSLIPWAY_JSON
                %s
                set +e
                """.formatted(PACKAGE_JSON, LOCK_COMMANDS.get(manager)));
        for (int i = 0; i < sequences.size(); i++) {
            s.append("mkdir -p /tmp/cases && cat > /tmp/cases/").append(i).append(".sh <<'SLIPWAY_CASE'\nset -e\n");
            sequences.get(i).forEach(command -> s.append(command).append('\n'));
            s.append("test -f node_modules/is-number/package.json\nSLIPWAY_CASE\n");
            s.append("rm -rf /usr/local && cp -a /tmp/pristine-usr-local /usr/local\n");
            s.append("rm -rf /tmp/case && cp -a /tmp/base /tmp/case && cd /tmp/case\n");
            s.append("echo ").append(BuildScript.quote("=== " + String.join(" ; ", sequences.get(i)))).append('\n');
            s.append("bash /tmp/cases/").append(i).append(".sh 2>&1 | tail -n 15; rc=${PIPESTATUS[0]}\n");
            s.append("if [ $rc -eq 0 ]; then echo 'CASE ").append(i).append(" OK'; else echo \"CASE ").append(i)
                    .append(" FAILED $rc\"; fi\n");
        }
        return s.append("exit 0\n").toString();
    }
}

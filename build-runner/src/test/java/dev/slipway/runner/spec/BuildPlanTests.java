package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;

import dev.slipway.protocol.buildspec.AppSpec;
import dev.slipway.protocol.buildspec.Artifacts;
import dev.slipway.protocol.buildspec.Frontend;
import dev.slipway.protocol.buildspec.Phases;
import dev.slipway.protocol.buildspec.TestArtifacts;
import dev.slipway.protocol.buildspec.TestPhases;
import dev.slipway.protocol.buildspec.TestSpec;
import org.junit.jupiter.api.Test;

class BuildPlanTests {

    @Test
    void monorepoRunsInAppRootUnlessBuildPath() {
        assertThat(plan("apps/web", null, "dist").workingDir()).isEqualTo("apps/web");
        assertThat(plan("apps/web", null, "dist").artifactDir()).isEqualTo("apps/web/dist");
        assertThat(plan("apps/web", "/", "apps/web/.next").workingDir()).isEmpty();
        assertThat(plan("apps/web", "/", "apps/web/.next").artifactDir()).isEqualTo("apps/web/.next");
        assertThat(plan(null, null, "/dist/").artifactDir()).isEqualTo("dist");
        assertThat(plan(null, null, ".").artifactDir()).isEmpty();
    }

    @Test
    void theAppDirectoryIsTheOneHoldingNextsOutputElseTheWorkingDirectory() {
        assertThat(plan(null, null, "web/.next").appDirectory()).isEqualTo("web");
        assertThat(plan(null, null, ".next").appDirectory()).isEmpty();
        assertThat(plan("apps/web", null, "dist").appDirectory()).isEqualTo("apps/web");
        assertThat(plan("apps/web", null, null).artifactDir()).isEqualTo("apps/web/.amplify-hosting");
        assertThat(plan("apps/web", null, null).deploysBundleOnly()).isTrue();
    }

    @Test
    void pathsMayNotLeaveTheRepository() {
        assertThatThrownBy(() -> plan(null, null, "../../etc")).hasMessageContaining("outside the repository");
    }

    @Test
    void testArtifactsResolveAgainstTheAppRootOnlyWhenTestsRun() {
        TestSpec cypress = new TestSpec(new TestPhases(List.of(), List.of("npx cypress run"), List.of()),
                new TestArtifacts("cypress", "**/mochawesome.json", List.of("**/*.png")));
        assertThat(withTests("apps/web", cypress, "false").testArtifactDir()).isEqualTo("apps/web/cypress");
        assertThat(withTests("apps/web", cypress, "true").testArtifacts()).as("USER_DISABLE_TESTS").isNull();
        TestSpec noBase = new TestSpec(cypress.phases(), new TestArtifacts(null, null, List.of("*.xml")));
        assertThat(withTests("apps/web", noBase, "false").testArtifactDir()).isEqualTo("apps/web");
        TestSpec nothing = new TestSpec(cypress.phases(), new TestArtifacts("cypress", null, List.of()));
        assertThat(withTests(null, nothing, "false").testArtifacts()).as("nothing declared").isNull();
        TestSpec escaping = new TestSpec(cypress.phases(), new TestArtifacts("../..", null, List.of("*")));
        assertThatThrownBy(() -> withTests(null, escaping, "false")).hasMessageContaining("test.artifacts");
    }

    private static BuildPlan withTests(String appRoot, TestSpec test, String disableTests) {
        AppSpec app = new AppSpec(appRoot, null, Phases.EMPTY,
                new Frontend(null, Phases.EMPTY, new Artifacts("dist", List.of(), false), List.of()), test);
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        env.put(BuildPlan.DISABLE_TESTS_VARIABLE, disableTests);
        return BuildPlan.of(app, env, List.of());
    }

    private static BuildPlan plan(String appRoot, String buildPath, String base) {
        AppSpec app = new AppSpec(appRoot, null, Phases.EMPTY,
                new Frontend(buildPath, Phases.EMPTY, new Artifacts(base, List.of(), false), List.of()), null);
        return BuildPlan.of(app, new LinkedHashMap<>(), List.of());
    }
}

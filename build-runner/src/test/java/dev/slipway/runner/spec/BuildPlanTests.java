package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;

import dev.slipway.protocol.buildspec.AppSpec;
import dev.slipway.protocol.buildspec.Artifacts;
import dev.slipway.protocol.buildspec.Frontend;
import dev.slipway.protocol.buildspec.Phases;
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
    void pathsMayNotLeaveTheRepository() {
        assertThatThrownBy(() -> plan(null, null, "../../etc")).hasMessageContaining("outside the repository");
    }

    private static BuildPlan plan(String appRoot, String buildPath, String base) {
        AppSpec app = new AppSpec(appRoot, null, Phases.EMPTY,
                new Frontend(buildPath, Phases.EMPTY, new Artifacts(base, List.of(), false), List.of()), null);
        return BuildPlan.of(app, new LinkedHashMap<>(), List.of());
    }
}

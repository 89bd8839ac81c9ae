package dev.slipway.controlplane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoBranchingTests {

    @Test
    void singleStarStaysInOneSegmentDoubleStarCrossesSlashes() {
        assertThat(AutoBranching.glob("*").matcher("main").matches()).isTrue();
        assertThat(AutoBranching.glob("*").matcher("feature/x").matches()).isFalse();
        assertThat(AutoBranching.glob("**").matcher("feature/x/y").matches()).isTrue();
        assertThat(AutoBranching.glob("feature/*").matcher("feature/login").matches()).isTrue();
        assertThat(AutoBranching.glob("feature/*").matcher("feature/a/b").matches()).isFalse();
        assertThat(AutoBranching.glob("feature/**").matcher("feature/a/b").matches()).isTrue();
        assertThat(AutoBranching.glob("release*").matcher("release-1.2").matches()).isTrue();
        assertThat(AutoBranching.glob("release*").matcher("hotfix").matches()).isFalse();
        assertThat(AutoBranching.glob("v1.(x)").matcher("v1.(x)").matches()).as("regex characters are literal").isTrue();
        assertThat(AutoBranching.glob("v1.x").matcher("v1-x").matches()).isFalse();
    }

    @Test
    void createsBranchOnlyWhenEnabledAndMatching() {
        assertThat(new AutoBranching(true, List.of("dev", "feature/*"), null, false).createsBranch("feature/a")).isTrue();
        assertThat(new AutoBranching(false, List.of("**"), null, false).createsBranch("main")).isFalse();
        assertThat(new AutoBranching(true, List.of(), null, false).createsBranch("main")).isFalse();
    }
}

package dev.slipway.controlplane.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoBranchingTests {

    @Test
    void createsBranchOnlyWhenEnabledAndMatching() {
        assertThat(new AutoBranching(true, List.of("dev", "feature/*"), null, false).createsBranch("feature/a")).isTrue();
        assertThat(new AutoBranching(false, List.of("**"), null, false).createsBranch("main")).isFalse();
        assertThat(new AutoBranching(true, List.of(), null, false).createsBranch("main")).isFalse();
    }
}

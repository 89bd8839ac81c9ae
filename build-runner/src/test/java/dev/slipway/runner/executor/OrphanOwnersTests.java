package dev.slipway.runner.executor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrphanOwnersTests {

    @Test
    void orphansAreUnownedOwnedByThisIdOrByADeadLocalProcess() {
        String me = "builder-" + ProcessHandle.current().pid();
        assertThat(OrphanOwners.isOrphan(null, me)).isTrue();
        assertThat(OrphanOwners.isOrphan(me, me)).isTrue();
        assertThat(OrphanOwners.isOrphan("builder-" + Long.MAX_VALUE, me)).as("dead pid").isTrue();
        assertThat(OrphanOwners.isOrphan("builder-1", me)).as("live pid").isFalse();
        assertThat(OrphanOwners.isOrphan("other-host-" + Long.MAX_VALUE, me)).as("another host").isFalse();
        assertThat(OrphanOwners.isOrphan("builder-named", me)).isFalse();
    }
}

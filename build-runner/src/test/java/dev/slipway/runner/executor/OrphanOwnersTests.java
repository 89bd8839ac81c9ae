package dev.slipway.runner.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrphanOwnersTests {

    private static final String HERE = OrphanOwners.PID_NAMESPACE;

    @Test
    void orphansAreUnownedOwnedByThisIdOrByADeadLocalProcess() {
        String me = "builder-" + ProcessHandle.current().pid();
        assertThat(OrphanOwners.isOrphan((String) null, HERE, me)).isTrue();
        assertThat(OrphanOwners.isOrphan(me, HERE, me)).isTrue();
        assertThat(OrphanOwners.isOrphan("builder-" + Long.MAX_VALUE, HERE, me)).as("dead pid").isTrue();
        assertThat(OrphanOwners.isOrphan("builder-1", HERE, me)).as("live pid").isFalse();
        assertThat(OrphanOwners.isOrphan("other-host-" + Long.MAX_VALUE, HERE, me)).as("another host").isFalse();
        assertThat(OrphanOwners.isOrphan("builder-named", HERE, me)).isFalse();
        assertThat(OrphanOwners.isOrphan("builder-" + Long.MAX_VALUE, null, me)).as("made before the label").isTrue();
    }

    @Test
    void anOwnerInAnotherPidNamespaceIsNeverJudged() {
        String me = "builder-" + ProcessHandle.current().pid();
        String container = "pid:[1]";
        assertThat(HERE).startsWith("pid:[");
        assertThat(OrphanOwners.isOrphan("builder-" + Long.MAX_VALUE, container, me))
                .as("its pid is not ours to look up").isFalse();
        assertThat(OrphanOwners.isOrphan(me, container, me)).as("the same id in a container next door").isFalse();
        assertThat(OrphanOwners.isOrphan(Map.of("slipway.runner", "builder-" + Long.MAX_VALUE,
                OrphanOwners.PID_NAMESPACE_LABEL, HERE), "slipway.runner", me)).isTrue();
        assertThat(OrphanOwners.isOrphan(Map.of(), "slipway.runner", me)).as("no owner").isTrue();
    }
}

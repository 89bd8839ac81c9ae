package dev.slipway.runner.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ComputeInstanceTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void restartDelayDoublesFromOneSecondUpToAMinute() {
        ComputeInstance instance = new ComputeInstance("d1", "m1");
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 9; i++) {
            instance.current = new ComputeContainers.Started("c" + i, 1000 + i);
            instance.startedAtNanos = now;
            now += SECOND;
            instance.scheduleRestart("exited with code 1", false, now);
            delays.add((instance.restartAtNanos - now) / SECOND);
        }
        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(instance.phase).isEqualTo(ComputeInstance.Phase.BACKOFF);
        assertThat(instance.restarts).isEqualTo(9);
    }

    @Test
    void aCrashAfterAMinuteUpStartsTheBackoffAgain() {
        ComputeInstance instance = new ComputeInstance("d1", "m1");
        for (int i = 0; i < 5; i++) {
            instance.current = new ComputeContainers.Started("c", 1);
            instance.scheduleRestart("crash", false, 0);
        }
        instance.current = new ComputeContainers.Started("c", 1);
        instance.startedAtNanos = 0;
        long now = 61 * SECOND;
        instance.scheduleRestart("crash", false, now);
        assertThat((instance.restartAtNanos - now) / SECOND).isEqualTo(1);
    }
}

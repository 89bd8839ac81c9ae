package dev.slipway.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(2);

    @Test
    void ceilingsDoubleUpToTheMaximum() {
        assertThat(Backoff.ceiling(FIRST, MAX, 1)).isEqualTo(FIRST);
        assertThat(Backoff.ceiling(FIRST, MAX, 2)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.ceiling(FIRST, MAX, 5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(Backoff.ceiling(FIRST, MAX, 6)).isEqualTo(MAX);
        assertThat(Backoff.ceiling(FIRST, MAX, 10_000)).as("no overflow").isEqualTo(MAX);
    }

    @Test
    void pausesLieBetweenHalfTheCeilingAndTheCeilingAndVary() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration pause = Backoff.pause(FIRST, MAX, 10);
            assertThat(pause).isBetween(Duration.ofSeconds(1), MAX);
            seen.add(pause);
        }
        assertThat(seen).as("jittered").hasSizeGreaterThan(10);
    }

    @Test
    void aLoopsPausesGrowAndResetAfterASuccess() {
        Backoff backoff = new Backoff(FIRST, MAX);
        assertThat(backoff.next()).isBetween(Duration.ofMillis(50), FIRST);
        assertThat(backoff.next()).isBetween(FIRST, Duration.ofMillis(200));
        assertThat(backoff.next()).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        backoff.reset();
        assertThat(backoff.next()).isBetween(Duration.ofMillis(50), FIRST);
    }
}

package dev.slipway.controlplane.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogCapTests {

    private final LogCap cap = new LogCap(10);

    @Test
    void linesThatFitAreKeptAndTheFirstThatDoesNotEndsTheLogWithTheMarker() {
        LogCap.Split first = cap.split(0, false, List.of("abc", "def"));
        assertThat(first).isEqualTo(new LogCap.Split(List.of("abc", "def"), 8, false));
        LogCap.Split second = cap.split(8, false, List.of("x", "fits-not", "y"));
        assertThat(second.stored()).containsExactly("x", cap.marker());
        assertThat(second.addedBytes()).isEqualTo(2);
        assertThat(second.reached()).isTrue();
        assertThat(cap.split(10, true, List.of("z"))).isEqualTo(new LogCap.Split(List.of(), 0, true));
    }

    @Test
    void bytesAreCountedInUtf8AsTheRunnerCountsThem() {
        assertThat(cap.split(0, false, List.of("ééééé")).reached()).as("10 bytes and a newline").isTrue();
        assertThat(new LogCap(100L << 20).marker()).contains("100 MB");
    }
}

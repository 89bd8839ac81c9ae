package dev.slipway.controlplane.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyBucketsTests {

    @Test
    void aDurationFallsInTheFirstBucketWhoseBoundHoldsIt() {
        assertThat(LatencyBuckets.index(0)).isZero();
        assertThat(LatencyBuckets.index(1_000)).isZero();
        assertThat(LatencyBuckets.index(1_001)).isEqualTo(1);
        assertThat(LatencyBuckets.index(30_000)).isEqualTo(5);
        assertThat(LatencyBuckets.index(60_000_000)).isEqualTo(LatencyBuckets.COUNT - 1);
    }

    @Test
    void percentilesAreTheBoundOfTheBucketTheRankFallsIn() {
        long[] counts = new long[LatencyBuckets.COUNT];
        counts[LatencyBuckets.index(3_000)] = 90; // 5 ms
        counts[LatencyBuckets.index(200_000)] = 9; // 250 ms
        counts[LatencyBuckets.index(20_000_000)] = 1; // slower than the last bound
        assertThat(LatencyBuckets.percentileMillis(counts, 0.50)).isEqualTo(5);
        assertThat(LatencyBuckets.percentileMillis(counts, 0.95)).isEqualTo(250);
        assertThat(LatencyBuckets.percentileMillis(counts, 0.99)).isEqualTo(250);
        assertThat(LatencyBuckets.percentileMillis(counts, 1.0)).isEqualTo(10_000);
        assertThat(LatencyBuckets.percentileMillis(new long[LatencyBuckets.COUNT], 0.5)).isZero();
    }
}

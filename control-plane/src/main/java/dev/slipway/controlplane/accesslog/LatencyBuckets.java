package dev.slipway.controlplane.accesslog;

/**
 * The fixed latency buckets of the per-minute counts: summing the counts of any minutes gives the distribution of
 * that range, so p50/p95/p99 of an hour or a week come from the same rows. A percentile is the upper bound of the
 * bucket it falls in (at most one bucket off; the last bucket has no bound and reports its lower one).
 */
public final class LatencyBuckets {

    /** Upper bounds in milliseconds; the last bucket holds everything slower. */
    static final long[] BOUNDS_MILLIS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};
    public static final int COUNT = BOUNDS_MILLIS.length + 1;

    private LatencyBuckets() {
    }

    static int index(long durationMicros) {
        for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
            if (durationMicros <= BOUNDS_MILLIS[i] * 1000) {
                return i;
            }
        }
        return BOUNDS_MILLIS.length;
    }

    /**
     * The latency below which {@code quantile} (0..1) of the counted requests fall, in milliseconds; 0 when nothing
     * was counted.
     */
    public static long percentileMillis(long[] counts, double quantile) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(rank, 1)) {
                return BOUNDS_MILLIS[Math.min(i, BOUNDS_MILLIS.length - 1)];
            }
        }
        return BOUNDS_MILLIS[BOUNDS_MILLIS.length - 1];
    }
}

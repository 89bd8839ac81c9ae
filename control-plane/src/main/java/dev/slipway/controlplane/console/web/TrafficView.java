package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.accesslog.LatencyBuckets;
import dev.slipway.controlplane.accesslog.MinuteRollups.Minute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Monitoring page's numbers for one range: the per-minute counts summed into the range's points (60 for the last
 * hour, 96 for the day, 168 for the week) and over the whole range, and the charts drawn from them.
 */
record TrafficView(String range, long requests, long bytes, long errors4xx, long errors5xx, long blocked,
                   long p50, long p95, long p99, List<MonitoringChart.Chart> charts) {

    enum Range {
        HOUR(Duration.ofHours(1), Duration.ofMinutes(1)),
        DAY(Duration.ofDays(1), Duration.ofMinutes(15)),
        WEEK(Duration.ofDays(7), Duration.ofHours(1));

        final Duration length;
        final Duration step;

        Range(Duration length, Duration step) {
            this.length = length;
            this.step = step;
        }

        static Range of(String name) {
            for (Range range : values()) {
                if (range.name().equalsIgnoreCase(name)) {
                    return range;
                }
            }
            return HOUR;
        }

        int points() {
            return (int) (length.toMinutes() / step.toMinutes());
        }
    }

    /** @param end the end of the range (exclusive), a minute boundary */
    static TrafficView of(Range range, Instant end, List<Minute> minutes) {
        int n = range.points();
        Instant start = end.minus(range.length);
        long[] requests = new long[n];
        long[] bytes = new long[n];
        long[] errors4xx = new long[n];
        long[] errors5xx = new long[n];
        long[] blocked = new long[n];
        long[][] latency = new long[n][LatencyBuckets.COUNT];
        long[] total = new long[LatencyBuckets.COUNT];
        for (Minute m : minutes) {
            long offset = Duration.between(start, m.minute()).toMinutes() / range.step.toMinutes();
            if (offset < 0 || offset >= n) {
                continue;
            }
            int i = (int) offset;
            requests[i] += m.requests();
            bytes[i] += m.bytes();
            errors4xx[i] += m.errors4xx();
            errors5xx[i] += m.errors5xx();
            blocked[i] += m.blocked();
            for (int b = 0; b < LatencyBuckets.COUNT; b++) {
                latency[i][b] += m.latency()[b];
                total[b] += m.latency()[b];
            }
        }
        long[] p50 = new long[n];
        long[] p95 = new long[n];
        long[] p99 = new long[n];
        for (int i = 0; i < n; i++) {
            p50[i] = LatencyBuckets.percentileMillis(latency[i], 0.50);
            p95[i] = LatencyBuckets.percentileMillis(latency[i], 0.95);
            p99[i] = LatencyBuckets.percentileMillis(latency[i], 0.99);
        }
        List<MonitoringChart.Chart> charts = List.of(
                MonitoringChart.of("chart-requests", "Requests", Long::toString,
                        new MonitoringChart.Series("line-requests", "requests", requests)),
                MonitoringChart.of("chart-bytes", "Data transferred", MonitoringChart::bytes,
                        new MonitoringChart.Series("line-bytes", "bytes sent", bytes)),
                MonitoringChart.of("chart-errors", "4xx and 5xx", Long::toString,
                        new MonitoringChart.Series("line-4xx", "4xx", errors4xx),
                        new MonitoringChart.Series("line-5xx", "5xx", errors5xx)),
                MonitoringChart.of("chart-latency", "Latency", ms -> ms + " ms",
                        new MonitoringChart.Series("line-p50", "p50", p50),
                        new MonitoringChart.Series("line-p95", "p95", p95),
                        new MonitoringChart.Series("line-p99", "p99", p99)));
        return new TrafficView(range.name().toLowerCase(Locale.ROOT), sum(requests), sum(bytes), sum(errors4xx),
                sum(errors5xx), sum(blocked), LatencyBuckets.percentileMillis(total, 0.50),
                LatencyBuckets.percentileMillis(total, 0.95), LatencyBuckets.percentileMillis(total, 0.99), charts);
    }

    public String bytesText() {
        return MonitoringChart.bytes(bytes);
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}

package dev.slipway.controlplane.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitoringChartTests {

    @Test
    void theLargestValueTouchesTheTopAndZeroTheBottomOnOneScaleForAllLines() {
        MonitoringChart.Chart chart = MonitoringChart.of("c", "Errors", v -> v + " errors",
                new MonitoringChart.Series("a", "4xx", new long[] {0, 5, 10}),
                new MonitoringChart.Series("b", "5xx", new long[] {10, 0, 0}));
        assertThat(chart.top()).isEqualTo("10 errors");
        assertThat(chart.lines()).extracting(MonitoringChart.Line::points)
                .containsExactly("0.0,118.0 300.0,60.0 600.0,2.0", "0.0,2.0 300.0,118.0 600.0,118.0");
        assertThat(chart.lines()).extracting(MonitoringChart.Line::css).containsExactly("a", "b");
    }

    @Test
    void noTrafficIsAFlatLineAtTheBottom() {
        MonitoringChart.Chart chart = MonitoringChart.of("c", "Requests", Long::toString,
                new MonitoringChart.Series("a", "requests", new long[] {0, 0}));
        assertThat(chart.top()).isEqualTo("0");
        assertThat(chart.lines().getFirst().points()).isEqualTo("0.0,118.0 600.0,118.0");
        assertThat(MonitoringChart.points(new long[] {3}, 3)).isEqualTo("300.0,2.0");
    }

    @Test
    void bytesReadForPeople() {
        assertThat(MonitoringChart.bytes(512)).isEqualTo("512 B");
        assertThat(MonitoringChart.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(MonitoringChart.bytes(200L * 1024 * 1024)).isEqualTo("200 MB");
    }
}

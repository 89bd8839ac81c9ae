package dev.slipway.controlplane.console.web;

import dev.slipway.protocol.text.ByteSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Time series as polylines for an inline SVG, drawn on the server (no chart script, nothing from a CDN): every series
 * of a chart shares one vertical scale whose top is the largest value, oldest point on the left.
 */
final class MonitoringChart {

    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    /** Keeps a line at the maximum or at zero visible instead of on the SVG's edge. */
    private static final int MARGIN = 2;

    /** One line: its CSS class (the colour), legend label and {@code points} attribute. */
    record Line(String css, String label, String points) {
    }

    record Series(String css, String label, long[] values) {
    }

    /** {@code top} is the largest value, formatted, which the chart's top edge stands for. */
    record Chart(String id, String title, int width, int height, String top, List<Line> lines) {
    }

    private MonitoringChart() {
    }

    static Chart of(String id, String title, LongFunction<String> format, Series... series) {
        long max = 0;
        for (Series s : series) {
            for (long value : s.values()) {
                max = Math.max(max, value);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Series s : series) {
            lines.add(new Line(s.css(), s.label(), points(s.values(), Math.max(max, 1))));
        }
        return new Chart(id, title, WIDTH, HEIGHT, format.apply(max), List.copyOf(lines));
    }

    static String points(long[] values, long max) {
        StringBuilder points = new StringBuilder();
        int n = values.length;
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? WIDTH / 2.0 : (double) WIDTH * i / (n - 1);
            double y = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * values[i] / max;
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return points.toString();
    }

    /** 1536 -> "1.5 KB": bytes for people. */
    static String bytes(long bytes) {
        return ByteSizes.human(bytes, "B");
    }
}

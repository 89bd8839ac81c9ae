package dev.slipway.protocol.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text page, for tests that scrape a process's {@code /actuator/prometheus}. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the first sample of {@code name} carrying every label pair given ({@code "result", "SUCCEED", ...});
     * 0 when there is none yet (a counter not incremented so far).
     */
    public static double value(String page, String name, String... labels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(page);
        while (matcher.find()) {
            String labelText = matcher.group(1) == null ? "" : matcher.group(1);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labelText.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }
}

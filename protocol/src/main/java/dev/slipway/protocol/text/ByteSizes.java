package dev.slipway.protocol.text;

import java.util.Locale;

/** Byte counts for people: 1536 → "1.5 KB", 200 MiB → "200 MB" (binary units, one decimal below ten). */
public final class ByteSizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    /** @param belowKb the unit of counts under 1 KB: "B" in tight spaces, "bytes" in sentences */
    public static String human(long bytes, String belowKb) {
        if (bytes < 1024) {
            return bytes + " " + belowKb;
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }
}

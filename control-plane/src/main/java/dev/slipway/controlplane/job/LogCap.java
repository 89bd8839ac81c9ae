package dev.slipway.controlplane.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The control plane's side of {@code SLIPWAY_MAX_LOG_SIZE}: the runner already cuts a job's log there, but the
 * control plane cannot rely on every runner doing so, and the log lives in its database. Lines are counted as UTF-8
 * bytes plus the newline, as the runner counts them; the first line that does not fit and everything after it are
 * dropped, and one marker line says so. Immutable.
 *
 * @param maxBytes stored bytes a job's log may reach
 */
record LogCap(long maxBytes) {

    /**
     * What to store of one batch.
     *
     * @param stored     the lines to write, the marker included when the cap was reached by this batch
     * @param addedBytes bytes of the kept lines (the marker is not counted: it is written once)
     * @param reached    the cap was reached by this batch or before
     */
    record Split(List<String> stored, long addedBytes, boolean reached) {
    }

    Split split(long storedBytes, boolean alreadyReached, List<String> lines) {
        if (alreadyReached) {
            return new Split(List.of(), 0, true);
        }
        List<String> kept = new ArrayList<>();
        long added = 0;
        for (String line : lines) {
            long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
            if (storedBytes + added + size > maxBytes) {
                kept.add(marker());
                return new Split(kept, added, true);
            }
            kept.add(line);
            added += size;
        }
        return new Split(kept, added, false);
    }

    String marker() {
        return "[slipway] The log reached the control plane's limit of " + human(maxBytes)
                + " (SLIPWAY_MAX_LOG_SIZE); later lines are not kept (the build goes on)";
    }

    private static String human(long bytes) {
        return bytes >= 1 << 20 ? bytes / (1 << 20) + " MB" : bytes >= 1 << 10 ? bytes / (1 << 10) + " KB" : bytes + " bytes";
    }
}

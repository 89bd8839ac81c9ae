package dev.slipway.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;

/**
 * An upload's progress bar on standard error, redrawn in place at most once per percent; nothing when standard error
 * is not a terminal (CI logs), where only the final line is printed.
 */
final class Progress implements LongConsumer {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long total;
    private final boolean terminal;
    private int shownPercent = -1;

    Progress(PrintStream err, long total, boolean terminal) {
        this.err = err;
        this.total = Math.max(total, 1);
        this.terminal = terminal;
    }

    @Override
    public void accept(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (!terminal || percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% of " + size(total));
        err.flush();
    }

    void finish() {
        err.println((terminal ? "\r" : "") + "uploaded " + size(total) + " ".repeat(terminal ? WIDTH : 0));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}

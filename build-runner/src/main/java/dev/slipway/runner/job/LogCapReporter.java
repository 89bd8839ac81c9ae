package dev.slipway.runner.job;

import java.nio.charset.StandardCharsets;

import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.StepReport;

/**
 * Keeps a job's log to a sane size: once the lines reach {@code maxBytes} (UTF-8), one visible marker line is shipped
 * and later lines are counted, not kept; the build goes on and is not failed for it. Before the completion a last
 * line says how much was left out. Bounds what the runner buffers, ships and the control plane stores, whatever a
 * build prints.
 */
final class LogCapReporter implements JobReporter {

    static final String MARKER_PREFIX = "[slipway] The log reached ";

    private final JobReporter delegate;
    private final long maxBytes;
    private long bytes;
    private long droppedLines;
    private long droppedBytes;

    LogCapReporter(JobReporter delegate, long maxBytes) {
        this.delegate = delegate;
        this.maxBytes = maxBytes;
    }

    @Override
    public void step(StepReport report) {
        delegate.step(report);
    }

    @Override
    public void log(String line) {
        long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (droppedLines == 0 && bytes + size <= maxBytes) {
            bytes += size;
            delegate.log(line);
            return;
        }
        if (droppedLines == 0) {
            delegate.log(MARKER_PREFIX + human(maxBytes) + "; later lines are not kept (the build goes on)");
        }
        droppedLines++;
        droppedBytes += size;
    }

    @Override
    public void complete(JobCompletion completion) {
        if (droppedLines > 0) {
            delegate.log("[slipway] Log truncated: " + droppedLines + " lines (" + human(droppedBytes)
                    + ") were not kept");
        }
        delegate.complete(completion);
    }

    private static String human(long bytes) {
        return bytes >= 1 << 20 ? bytes / (1 << 20) + " MB" : bytes >= 1 << 10 ? bytes / (1 << 10) + " KB" : bytes + " bytes";
    }
}

package dev.slipway.protocol.runner;

import java.util.List;

/**
 * Consecutive log lines of a job. Lines are numbered from 0 within one lease (a re-queued job's next attempt starts
 * again at 0; the control plane appends it after the earlier attempt's lines); {@code from} is the number of the
 * first line in this batch. Lines already stored are skipped, so a batch may be resent after a failed call. A batch
 * starting beyond the next expected line is refused with the expected index in the {@link LogAck}.
 */
public record LogBatch(long from, List<String> lines) {
}

package dev.slipway.protocol.accesslog;

import java.util.List;

/**
 * What an edge posts to {@link dev.slipway.protocol.edge.EdgeApi#ACCESS_LOGS}: the requests it answered since its last
 * batch, oldest first. An edge sends a batch every few seconds or when it holds {@link #MAX_ENTRIES}, off the request
 * path, and keeps a bounded backlog while the control plane is away (dropping the oldest, counted in its metrics).
 *
 * @param edgeId  the sending edge's instance id
 * @param entries the requests
 */
public record AccessLogBatch(String edgeId, List<AccessLogEntry> entries) {

    /** The most entries in one batch; the control plane refuses larger ones with 413. */
    public static final int MAX_ENTRIES = 10_000;

    public AccessLogBatch {
        entries = List.copyOf(entries);
    }
}

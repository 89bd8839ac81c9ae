package dev.slipway.controlplane.route;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which route version each edge serves: an edge's long-poll says {@code since=<the version it applied>}. An edge that
 * has not polled for {@link #FORGET_AFTER} is considered gone. Kept in memory: after a control plane restart every
 * live edge reports again within one poll.
 */
@Component
public class EdgeAcks {

    /** Longer than the longest poll (60 s) plus a retry, so a live edge is never forgotten between two polls. */
    static final Duration FORGET_AFTER = Duration.ofSeconds(90);

    private record Ack(long version, Instant seen) {
    }

    private final Map<String, Ack> edges = new ConcurrentHashMap<>();

    public void reported(String edge, long version) {
        edges.put(edge, new Ack(version, Instant.now()));
    }

    /** Whether at least one edge is live and every live edge serves {@code version} or newer. */
    public boolean allEdgesAt(long version) {
        Instant cutoff = Instant.now().minus(FORGET_AFTER);
        edges.values().removeIf(ack -> ack.seen().isBefore(cutoff));
        return !edges.isEmpty() && edges.values().stream().allMatch(ack -> ack.version() >= version);
    }

    /** Polls {@link #allEdgesAt} until it holds or {@code wait} runs out. */
    public boolean awaitAllEdgesAt(long version, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!allEdgesAt(version)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}

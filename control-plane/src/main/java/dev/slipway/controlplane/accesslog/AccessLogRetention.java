package dev.slipway.controlplane.accesslog;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes access log parts and per-minute counts older than SLIPWAY_ACCESS_LOG_RETENTION, on one control plane at a
 * time. A part's blob goes with its row unless another row names the same bytes (blobs are content-addressed).
 */
@Component
public class AccessLogRetention {

    private static final Logger log = LoggerFactory.getLogger(AccessLogRetention.class);

    private final AccessLogStore store;
    private final MinuteRollups rollups;
    private final BlobStore blobs;
    private final ClusterTasks tasks;
    private final ControlPlaneProperties properties;

    AccessLogRetention(AccessLogStore store, MinuteRollups rollups, BlobStore blobs, ClusterTasks tasks,
            ControlPlaneProperties properties) {
        this.store = store;
        this.rollups = rollups;
        this.blobs = blobs;
        this.tasks = tasks;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${slipway.control-plane.access-logs.purge-interval:1h}")
    void tick() {
        tasks.runExclusive("access-log-retention",
                () -> purgeBefore(Instant.now().minus(properties.accessLogs().retention())));
    }

    /** Deletes what is older than {@code cutoff}: parts whose whole hour is, and minutes before it. */
    public void purgeBefore(Instant cutoff) {
        List<String> removed = store.removePartsBefore(cutoff);
        int minutes = rollups.removeBefore(cutoff);
        Set<String> inUse = removed.isEmpty() ? Set.of() : store.indexed(removed);
        int deleted = 0;
        for (String key : removed) {
            try {
                if (!inUse.contains(key) && blobs.delete(key)) {
                    deleted++;
                }
            } catch (IOException e) {
                log.warn("Could not delete access log part {}: {}", key, e.getMessage());
            }
        }
        if (deleted > 0 || minutes > 0) {
            log.info("Access log retention: deleted {} parts and {} minutes of counts before {}", deleted, minutes,
                    cutoff);
        }
    }
}

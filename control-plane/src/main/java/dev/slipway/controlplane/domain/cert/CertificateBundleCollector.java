package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.IdleBlobs;
import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the blobs of certificate bundles that were replaced (renewal, upload) or whose domain is gone, once
 * {@code SLIPWAY_BLOB_GC_GRACE} has passed since: an edge on an older route snapshot may still fetch the old bundle
 * until then. The database trigger of V13 lists them in {@code retired_certificate_bundles}; a bundle some certificate
 * row references again is never deleted, only taken off the list. On one control plane at a time.
 */
@Component
class CertificateBundleCollector {

    private static final Logger log = LoggerFactory.getLogger(CertificateBundleCollector.class);
    private static final int PER_SWEEP = 100;

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final IdleBlobs idle;
    private final ClusterTasks tasks;

    CertificateBundleCollector(JdbcClient jdbc, BlobStore blobs, IdleBlobs idle, ClusterTasks tasks) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.idle = idle;
        this.tasks = tasks;
    }

    @Scheduled(fixedDelayString = "${slipway.domains.tick:2s}")
    void tick() {
        tasks.runExclusive("certificate-gc", this::sweep);
    }

    private void sweep() {
        try {
            jdbc.sql("DELETE FROM retired_certificate_bundles WHERE bundle_hash IN "
                    + "(SELECT bundle_hash FROM domain_certificates)").update();
            for (String hash : due()) {
                // kept when touched within the grace (put again for a new certificate): a later sweep retries
                if (idle.deleteIfIdle(hash) || !blobs.exists(hash)) {
                    jdbc.sql("DELETE FROM retired_certificate_bundles WHERE bundle_hash = ?").param(hash).update();
                }
            }
        } catch (IOException | RuntimeException e) {
            // a database or disk hiccup must not stop the schedule; the bundles stay listed
            log.warn("Could not free replaced certificate bundles: {}", e.toString());
        }
    }

    private List<String> due() {
        return jdbc.sql("""
                SELECT bundle_hash FROM retired_certificate_bundles r
                WHERE retire_time <= ? AND NOT EXISTS (SELECT 1 FROM domain_certificates c
                    WHERE c.bundle_hash = r.bundle_hash)
                ORDER BY retire_time LIMIT ?""")
                .params(Timestamp.from(Instant.now().minus(idle.grace())), PER_SWEEP).query(String.class).list();
    }
}

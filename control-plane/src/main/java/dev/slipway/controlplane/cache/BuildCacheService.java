package dev.slipway.controlplane.cache;

import dev.slipway.controlplane.support.LooseBlobs;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which cache blob (a tar of {@code cache.paths} written by a runner) each branch's next build restores. A successful
 * build replaces its branch's entry; a branch without one seeds from the app's production branches; a job started
 * with {@code clearCache} restores nothing. Owns {@code build_caches} only: the job and branch facts come from their
 * owners through the caller. Thread-safe.
 */
@Service
public class BuildCacheService implements LooseBlobs {

    private final JdbcClient jdbc;

    BuildCacheService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The blob a leased job should restore, or null.
     *
     * @param productionBranches the app's branches with stage PRODUCTION, whose newest cache seeds a new branch; asked
     *                           only when the branch has no cache of its own, as most leases of a built branch do not
     */
    public String toRestore(boolean clearCache, String appId, String branchName,
                            Supplier<? extends Collection<String>> productionBranches) {
        if (clearCache) {
            return null;
        }
        return own(appId, branchName).or(() -> newest(appId, productionBranches.get())).orElse(null);
    }

    /** Called in the completing transaction of a successful job that reported a cache. */
    public void record(String appId, String branchName, String blobHash) {
        if (blobHash == null || !blobHash.matches("[0-9a-f]{64}")) {
            return;
        }
        jdbc.sql("""
                INSERT INTO build_caches (app_id, branch_name, blob_hash) VALUES (?, ?, ?)
                ON CONFLICT (app_id, branch_name) DO UPDATE SET blob_hash = excluded.blob_hash, update_time = now()""")
                .params(appId, branchName, blobHash).update();
    }

    /** The branch's own cache blob, if it has one. */
    @Override
    public List<String> blobsOf(String appId, String branchName) {
        return own(appId, branchName).stream().toList();
    }

    /** The cache blobs of all the app's branches. */
    @Override
    public List<String> blobsOf(String appId) {
        return jdbc.sql("SELECT blob_hash FROM build_caches WHERE app_id = ?").param(appId).query(String.class).list();
    }

    /** Every cache blob some branch still restores from. */
    @Override
    public Set<String> blobsInUse() {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT blob_hash FROM build_caches").query(String.class).list());
    }

    private Optional<String> own(String appId, String branchName) {
        return jdbc.sql("SELECT blob_hash FROM build_caches WHERE app_id = ? AND branch_name = ?")
                .params(appId, branchName).query(String.class).optional();
    }

    private Optional<String> newest(String appId, Collection<String> branchNames) {
        if (branchNames.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT blob_hash FROM build_caches WHERE app_id = ? AND branch_name = ANY(?)
                ORDER BY update_time DESC LIMIT 1""")
                .params(appId, branchNames.toArray(String[]::new)).query(String.class).optional();
    }
}

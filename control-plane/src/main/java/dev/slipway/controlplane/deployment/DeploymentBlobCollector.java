package dev.slipway.controlplane.deployment;

import dev.slipway.controlplane.app.AppRemoving;
import dev.slipway.controlplane.branch.BranchRemoving;
import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.AfterCommit;
import dev.slipway.controlplane.support.IdleBlobs;
import dev.slipway.controlplane.support.LooseBlobs;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Frees the storage of a removed branch (a closed pull request's preview, a branch deleted in git or by hand) or app: its
 * manifests, their files, its build cache and its jobs' test artifacts are deleted from the blob store unless another
 * deployment's manifest, another branch's cache or a remaining job's test artifacts still use them. Blobs touched within {@code slipway.blob-gc.grace} are kept too, because a
 * running build may be about to reference a blob it found already stored ({@code put} refreshes the time).
 * Collections run one at a time across control planes (task {@value #TASK}): one waits for another to finish.
 */
@Component
class DeploymentBlobCollector {

    private static final Logger log = LoggerFactory.getLogger(DeploymentBlobCollector.class);
    static final String TASK = "blob-gc";
    /** Longer than a lapsed holder's lease: a collection is given up only when another one keeps the lock longer. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private final DeploymentRepository deployments;
    /** Build caches, test artifacts: whatever features keep outside manifests. */
    private final List<LooseBlobs> looseBlobs;
    private final BlobStore blobs;
    private final IdleBlobs idle;
    private final ClusterTasks tasks;

    DeploymentBlobCollector(DeploymentRepository deployments, List<LooseBlobs> looseBlobs, BlobStore blobs,
            IdleBlobs idle, ClusterTasks tasks) {
        this.deployments = deployments;
        this.looseBlobs = List.copyOf(looseBlobs);
        this.blobs = blobs;
        this.idle = idle;
        this.tasks = tasks;
    }

    /** Notes what the branch owns while its rows still exist; collects once the removal committed, off the caller. */
    @EventListener
    void on(BranchRemoving removing) {
        List<String> loose = new ArrayList<>();
        looseBlobs.forEach(owner -> loose.addAll(owner.blobsOf(removing.appId(), removing.branchName())));
        collectAfterCommit(deployments.manifestHashes(removing.appId(), removing.branchName()), loose);
    }

    /** The same for every branch of a deleted app. */
    @EventListener
    void on(AppRemoving removing) {
        List<String> loose = new ArrayList<>();
        looseBlobs.forEach(owner -> loose.addAll(owner.blobsOf(removing.appId())));
        collectAfterCommit(deployments.manifestHashes(removing.appId()), loose);
    }

    /** @param loose blobs outside manifests: the build cache and the test artifacts */
    private void collectAfterCommit(List<String> manifests, List<String> loose) {
        if (!manifests.isEmpty() || !loose.isEmpty()) {
            AfterCommit.run(() -> Thread.ofVirtual().name(TASK).start(() -> collectUnderLock(manifests, loose)));
        }
    }

    private void collectUnderLock(List<String> manifests, List<String> loose) {
        try {
            if (!tasks.runWhenFree(TASK, LOCK_WAIT, () -> collect(manifests, loose))) {
                log.warn("Blobs of a removed branch or app not freed: another collection held the lock for {}", LOCK_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void collect(List<String> manifests, List<String> loose) {
        try {
            Set<String> candidates = new HashSet<>(filesOf(manifests));
            candidates.addAll(loose);
            candidates.removeAll(filesOf(deployments.allManifestHashes()));
            looseBlobs.forEach(owner -> candidates.removeAll(owner.blobsInUse()));
            int deleted = 0;
            for (String key : candidates) {
                deleted += idle.deleteIfIdle(key) ? 1 : 0;
            }
            log.info("Freed {} of {} blobs of a removed branch or app", deleted, candidates.size());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not free a removed branch's blobs; they stay: {}", e.toString());
        }
    }

    /** The manifests themselves and every file they list. */
    private Set<String> filesOf(List<String> manifests) throws IOException {
        Set<String> keys = new HashSet<>();
        for (String manifest : manifests) {
            keys.add(manifest);
            try {
                for (ManifestEntry entry : DeploymentManifest.fromJson(blobs.read(manifest)).files().values()) {
                    keys.add(entry.hash());
                }
            } catch (NoSuchFileException gone) {
                // already freed
            }
        }
        return keys;
    }
}

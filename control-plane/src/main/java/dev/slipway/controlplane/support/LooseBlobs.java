package dev.slipway.controlplane.support;

import java.util.Collection;
import java.util.Set;

/**
 * Blobs a feature keeps outside deployment manifests (build caches, test artifacts), as blob GC sees them: a feature
 * that owns such blobs implements this over its own table, so the collector never reads another feature's table and
 * depends on none of those features.
 */
public interface LooseBlobs {

    /** A branch's blobs, read before the branch is removed. */
    Collection<String> blobsOf(String appId, String branchName);

    /** Every branch's blobs of an app, read before the app is removed. */
    Collection<String> blobsOf(String appId);

    /** Blobs still in use: never freed. */
    Set<String> blobsInUse();
}

package dev.slipway.protocol.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The blob-store part of each app's properties record ({@code slipway.<app>.blobs.*}), bound from the same
 * environment variables in all three apps.
 *
 * @param store      {@code SLIPWAY_BLOB_STORE}: {@code file:<dir>} or {@code s3://<bucket>[/<prefix>]}; blank for the
 *                   app's own directory under its data dir
 * @param s3Endpoint {@code SLIPWAY_S3_ENDPOINT}: an S3-compatible server (path-style); blank for AWS S3
 * @param s3Region   {@code SLIPWAY_S3_REGION}; blank for us-east-1
 */
public record BlobStoreSettings(String store, String s3Endpoint, String s3Region) {

    public BlobStore open(Path defaultDir) throws IOException {
        return BlobStores.fromSetting(store, defaultDir, s3Endpoint, s3Region);
    }

    /** Whether no store is set: a runner or edge then goes through the control plane's blob API. */
    public boolean throughControlPlane() {
        return store == null || store.isBlank();
    }

    /**
     * For runners and edges: the store of {@code SLIPWAY_BLOB_STORE} when set, else the control plane's blob API under
     * {@code apiPrefix} with the process's token, so a process on another machine needs nothing but HTTP.
     */
    public BlobStore openOrThroughControlPlane(URI controlPlaneUrl, String token, String apiPrefix, Path defaultDir)
            throws IOException {
        return throughControlPlane() ? new ControlPlaneBlobStore(controlPlaneUrl, token, apiPrefix) : open(defaultDir);
    }

    public static BlobStoreSettings defaults() {
        return new BlobStoreSettings("", "", "");
    }
}

package dev.slipway.protocol.blob;

import java.net.URI;

/**
 * A store whose blobs other processes may upload and download themselves, with short-lived URLs this process signs,
 * so that the bytes do not travel through it.
 */
public interface DirectAccess {

    /**
     * A single request that stores exactly {@code size} bytes under {@code key}; where the store supports it, bytes
     * whose sha256 is not the key are refused by the store itself.
     */
    BlobTransfer.Upload presignUpload(String key, long size);

    /** A URL that reads the blob without further credentials until it expires. */
    URI presignDownload(String key);
}

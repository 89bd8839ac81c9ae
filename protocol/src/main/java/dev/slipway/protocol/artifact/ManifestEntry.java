package dev.slipway.protocol.artifact;

/**
 * @param hash        sha256 (lower-case hex) of the file's bytes, the blob key
 * @param size        bytes
 * @param contentType the Content-Type to serve it with
 */
public record ManifestEntry(String hash, long size, String contentType) {
}

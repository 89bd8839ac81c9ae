package dev.slipway.protocol.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Picks the blob store of {@code SLIPWAY_BLOB_STORE}, the same way in every app. */
public final class BlobStores {

    private BlobStores() {
    }

    /**
     * @param setting    {@code file:<dir>}, {@code s3://<bucket>[/<prefix>]}, or blank for {@code defaultDir}
     * @param defaultDir the app's own blob directory under its data dir ({@code ./slipway up} shares one)
     * @param s3Endpoint {@code SLIPWAY_S3_ENDPOINT}: an S3-compatible server's URL; blank for AWS S3
     * @param s3Region   {@code SLIPWAY_S3_REGION}; blank for us-east-1. Credentials come from the AWS SDK's default
     *                   chain: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profiles, instance roles
     */
    public static BlobStore fromSetting(String setting, Path defaultDir, String s3Endpoint, String s3Region)
            throws IOException {
        if (setting == null || setting.isBlank()) {
            return new FileSystemBlobStore(defaultDir);
        }
        if (setting.startsWith("file:")) {
            String dir = setting.substring("file:".length());
            return new FileSystemBlobStore(dir.startsWith("//") ? Path.of(URI.create(setting)) : Path.of(dir));
        }
        if (setting.startsWith("s3://")) {
            String location = setting.substring("s3://".length());
            int slash = location.indexOf('/');
            String bucket = slash < 0 ? location : location.substring(0, slash);
            String prefix = slash < 0 ? "" : location.substring(slash + 1).replaceAll("^/+|/+$", "");
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("SLIPWAY_BLOB_STORE names no bucket: " + setting);
            }
            String region = s3Region == null || s3Region.isBlank() ? "us-east-1" : s3Region;
            return new S3BlobStore(S3BlobStore.client(s3Endpoint, region, DefaultCredentialsProvider.builder().build()),
                    bucket, prefix);
        }
        throw new IllegalArgumentException(
                "SLIPWAY_BLOB_STORE must be file:<dir> or s3://<bucket>[/<prefix>], not " + setting);
    }
}

package dev.slipway.protocol.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Blobs as objects {@code [<prefix>/]ab/cdef...} in an S3 bucket (AWS S3 or an S3-compatible server: MinIO, Garage,
 * SeaweedFS, Ceph RGW, R2). A PUT is atomic, so a blob is either absent or complete; files above
 * {@link #PART_SIZE} go up in parts streamed from disk, and S3 shows the object only once the upload completes.
 *
 * <p>Storing bytes already present copies the object onto itself with replaced metadata: that is the only way S3
 * offers to refresh an object's LastModified, which blob GC reads as {@link #lastTouched}. (A self-copy is limited to
 * 5 GB objects, far above any artifact; it is a server-side copy, no bytes travel.)
 */
public final class S3BlobStore implements BlobStore, DirectAccess, AutoCloseable {

    /** The size from which a file goes up in parts. */
    static final long PART_SIZE = S3Uploads.PART_SIZE;
    private static final String OCTET_STREAM = S3Uploads.OCTET_STREAM;
    /** How long a presigned URL works: long enough for one upload, short enough that a leaked one soon is useless. */
    static final Duration PRESIGNED_FOR = Duration.ofMinutes(15);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private S3Presigner presigner;

    /** @param prefix folder inside the bucket without slashes around it; empty for the bucket's root */
    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
    }

    /**
     * A client for {@code region}; with an {@code endpoint} (S3-compatible servers) path-style addressing, since
     * their buckets rarely have DNS names. Checksums only where S3 requires them: several S3-compatible servers
     * reject the SDK's default CRC trailers.
     */
    public static S3Client client(String endpoint, String region, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    @Override
    public String put(Path file) throws IOException {
        // the caller hands over a finished file (collected build output), so the second read sees the same bytes
        return store(BlobKeys.sha256Hex(file), Files.size(file), (offset, length) -> () -> {
            try {
                FileChannel channel = FileChannel.open(file).position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        return store(BlobKeys.sha256Hex(bytes), bytes.length, (offset, length) -> () -> new ByteArrayInputStream(bytes, (int) offset,
                (int) length));
    }

    private String store(String key, long size, S3Uploads.Slices source) throws IOException {
        String object = objectKey(key);
        try {
            if (touchObject(object)) {
                return key;
            }
            if (size < PART_SIZE) {
                s3.putObject(b -> b.bucket(bucket).key(object).contentLength(size).contentType(OCTET_STREAM),
                        RequestBody.fromContentProvider(source.slice(0, size), size, OCTET_STREAM));
            } else {
                S3Uploads.inParts(s3, bucket, object, size, source);
            }
            return key;
        } catch (SdkException | UncheckedIOException e) {
            throw failure("store", key, e);
        }
    }

    @Override
    public boolean touch(String key) throws IOException {
        try {
            return touchObject(objectKey(BlobKeys.require(key)));
        } catch (SdkException e) {
            throw failure("touch", key, e);
        }
    }

    /** Whether the object was there; if so its LastModified is now. */
    private boolean touchObject(String object) {
        try {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(object).destinationBucket(bucket)
                    .destinationKey(object).metadataDirective(MetadataDirective.REPLACE).contentType(OCTET_STREAM)
                    .metadata(Map.of("slipway-touched", Instant.now().toString())));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            return BlobKeys.isKey(key) && head(key).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        String object = objectKey(BlobKeys.require(key));
        try {
            return s3.getObject(b -> b.bucket(bucket).key(object));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException("s3://" + bucket + "/" + object);
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public Optional<Instant> lastTouched(String key) throws IOException {
        return head(BlobKeys.require(key)).map(HeadObjectResponse::lastModified);
    }

    @Override
    public boolean delete(String key) throws IOException {
        if (head(BlobKeys.require(key)).isEmpty()) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
            return true;
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public Page list(String after, int limit) throws IOException {
        try {
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(limit)
                    .startAfter(after == null || after.length() < 2 ? null : prefix + BlobKeys.fanOut(after)));
            List<String> keys = new ArrayList<>();
            String last = null;
            for (S3Object object : page.contents()) {
                last = object.key().substring(prefix.length()).replaceFirst("/", "");
                if (BlobKeys.isKey(last)) {
                    keys.add(last);
                }
            }
            return new Page(keys, Boolean.TRUE.equals(page.isTruncated()) ? last : null);
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    private Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(objectKey(key))));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    private String objectKey(String key) {
        return prefix + BlobKeys.fanOut(key);
    }

    private IOException failure(String what, String key, Exception e) {
        return new IOException("could not " + what + " blob " + key + " in s3://" + bucket + "/" + prefix + ": "
                + e.getMessage(), e);
    }

    /**
     * A presigned PUT that signs the content length and the sha256 (S3's {@code x-amz-checksum-sha256}), so the store
     * itself refuses bytes that are not the key's.
     */
    @Override
    public BlobTransfer.Upload presignUpload(String key, long size) {
        String checksum = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(BlobKeys.require(key)));
        PresignedPutObjectRequest presigned = presigner().presignPutObject(b -> b.signatureDuration(PRESIGNED_FOR)
                .putObjectRequest(put -> put.bucket(bucket).key(objectKey(key)).contentLength(size)
                        .contentType(OCTET_STREAM).checksumSHA256(checksum)));
        Map<String, String> headers = new java.util.TreeMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new BlobTransfer.Upload("PUT", presigned.url().toString(), headers);
    }

    @Override
    public URI presignDownload(String key) {
        String object = objectKey(BlobKeys.require(key));
        return URI.create(presigner().presignGetObject(b -> b.signatureDuration(PRESIGNED_FOR)
                .getObjectRequest(get -> get.bucket(bucket).key(object))).url().toString());
    }

    /** The client's region, credentials and endpoint (path-style with one), made on first use. */
    private synchronized S3Presigner presigner() {
        if (presigner == null) {
            var config = s3.serviceClientConfiguration();
            S3Presigner.Builder builder = S3Presigner.builder().s3Client(s3).region(config.region())
                    .credentialsProvider(config.credentialsProvider());
            config.endpointOverride().ifPresent(endpoint -> builder.endpointOverride(endpoint).serviceConfiguration(
                    software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build()));
            presigner = builder.build();
        }
        return presigner;
    }

    @Override
    public synchronized void close() {
        if (presigner != null) {
            presigner.close();
        }
        s3.close();
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}

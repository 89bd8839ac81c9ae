package dev.slipway.protocol.blob;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** Multipart uploads for {@link S3BlobStore}: parts streamed from their source, aborted when one fails. */
final class S3Uploads {

    /** Parts of a multipart upload; also the size from which a file goes up in parts (S3's minimum part is 5 MB). */
    static final long PART_SIZE = 8L * 1024 * 1024;
    static final String OCTET_STREAM = "application/octet-stream";

    /** Bytes {@code [offset, offset + length)} of what is stored, re-readable for the SDK's retries. */
    interface Slices {
        ContentStreamProvider slice(long offset, long length);
    }

    private S3Uploads() {
    }

    static void inParts(S3Client s3, String bucket, String object, long size, Slices source) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(object).contentType(OCTET_STREAM))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; (number - 1) * PART_SIZE < size; number++) {
                long offset = (number - 1) * PART_SIZE;
                long length = Math.min(PART_SIZE, size - offset);
                int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(object).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length),
                        RequestBody.fromContentProvider(source.slice(offset, length), length, OCTET_STREAM)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed); // a bucket lifecycle rule for incomplete uploads cleans up after us
            }
            throw e;
        }
    }
}

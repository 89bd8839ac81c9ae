package dev.slipway.protocol.blob;

import java.util.List;
import java.util.Map;

/**
 * The blob transfer API between the control plane and the processes that need only HTTP for blobs (runners upload and
 * read, edges read). Every call carries {@code Authorization: Bearer <runner or edge token>}.
 *
 * <ul>
 * <li>{@code POST <runner prefix>/missing} {@link MissingRequest} (at most {@link #MAX_KEYS_PER_REQUEST} keys): 200
 * {@link MissingResponse} naming the keys the store lacks, each with where to upload it. Keys it has get their touch
 * time refreshed, so blob GC spares them until the deployment that is about to reference them does.</li>
 * <li>{@code PUT <runner prefix>/{key}}: the blob's bytes; 204 once stored, 400 when their sha256 is not the key.</li>
 * <li>{@code GET} and {@code HEAD <runner or edge prefix>/{key}}: 200 with the bytes, 404, or for a GET a 307 to a
 * short-lived presigned URL of the store (to be fetched without the bearer token).</li>
 * </ul>
 */
public final class BlobTransfer {

    public static final String RUNNER_PREFIX = "/runner/v1/blobs";
    public static final String EDGE_PREFIX = "/edge/v1/blobs";
    public static final String MISSING = "/missing";
    public static final int MAX_KEYS_PER_REQUEST = 1000;

    private BlobTransfer() {
    }

    /** A blob a client holds: its key (lower-case hex sha256) and size in bytes. */
    public record BlobRef(String key, long size) {
    }

    public record MissingRequest(List<BlobRef> blobs) {

        public MissingRequest {
            blobs = blobs == null ? List.of() : List.copyOf(blobs);
        }
    }

    public record MissingResponse(List<Missing> missing) {

        public MissingResponse {
            missing = missing == null ? List.of() : List.copyOf(missing);
        }
    }

    /** A key the store lacks, and how to upload it. */
    public record Missing(String key, Upload upload) {
    }

    /**
     * One request that stores a blob.
     *
     * @param url     a path starting with {@code /}: on the control plane, sent with the client's bearer token; an
     *                absolute URL: presigned for the store, sent as is and never with the bearer token
     * @param headers headers to send exactly (a presigned URL signs them)
     */
    public record Upload(String method, String url, Map<String, String> headers) {

        public Upload {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public boolean isPresigned() {
            return !url.startsWith("/");
        }
    }

    /** Whether {@code key} is a blob key: 64 lower-case hex digits. */
    public static boolean isKey(String key) {
        return BlobKeys.isKey(key);
    }
}

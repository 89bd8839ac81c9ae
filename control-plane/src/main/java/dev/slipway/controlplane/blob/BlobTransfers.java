package dev.slipway.controlplane.blob;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.BlobTransfer;
import dev.slipway.protocol.blob.DirectAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Service;

/**
 * The control plane's side of {@link BlobTransfer}: which blobs a runner still has to upload (touching the ones that
 * are stored, so blob GC spares them until the deployment that is about to reference them does), uploads received
 * through the control plane (checked against their key before they are stored), and where a blob is read from.
 * A store with {@link DirectAccess} (S3) gets presigned URLs instead, so the bytes bypass the control plane.
 */
@Service
public class BlobTransfers {

    /** Touches at once: S3 refreshes a blob with a server-side copy, one request per blob. */
    private static final int PARALLEL_TOUCHES = 16;

    private final BlobStore blobs;
    private final long maxBlobSize;
    private final Path uploads;

    BlobTransfers(BlobStore blobs, ControlPlaneProperties properties) {
        this.blobs = blobs;
        this.maxBlobSize = properties.maxBlobSize().toBytes();
        this.uploads = properties.absoluteDataDir().resolve("blob-uploads");
    }

    /** Where a blob is read from: a local file, a presigned URL, or a stream of the store. */
    public sealed interface Source {
        record LocalFile(Path file) implements Source {
        }

        record Redirect(URI url) implements Source {
        }

        record Stream(InputStream in) implements Source {
        }
    }

    public List<BlobTransfer.Missing> missing(List<BlobTransfer.BlobRef> refs) {
        if (refs.size() > BlobTransfer.MAX_KEYS_PER_REQUEST) {
            throw Refusal.invalid("Ask about at most " + BlobTransfer.MAX_KEYS_PER_REQUEST
                    + " blobs per request, not " + refs.size() + ".");
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (BlobTransfer.BlobRef ref : refs) {
            requireKey(ref == null ? null : ref.key());
            if (ref.size() < 0 || ref.size() > maxBlobSize) {
                throw Refusal.invalid("Blob " + ref.key() + " has " + ref.size() + " bytes; the limit is "
                        + maxBlobSize + " bytes (SLIPWAY_MAX_BLOB_SIZE).");
            }
            sizes.putIfAbsent(ref.key(), ref.size());
        }
        List<BlobTransfer.Missing> missing = new ArrayList<>();
        Map<String, Boolean> stored = touchAll(new ArrayList<>(sizes.keySet()));
        sizes.forEach((key, size) -> {
            if (!stored.get(key)) {
                missing.add(new BlobTransfer.Missing(key, uploadOf(key, size)));
            }
        });
        return missing;
    }

    private BlobTransfer.Upload uploadOf(String key, long size) {
        if (blobs instanceof DirectAccess direct) {
            return direct.presignUpload(key, size);
        }
        return new BlobTransfer.Upload("PUT", BlobTransfer.RUNNER_PREFIX + "/" + key, Map.of());
    }

    private Map<String, Boolean> touchAll(List<String> keys) {
        Map<String, Boolean> stored = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_TOUCHES,
                Thread.ofVirtual().name("blob-touch-", 0).factory())) {
            Map<String, Future<Boolean>> touches = new LinkedHashMap<>();
            keys.forEach(key -> touches.put(key, pool.submit(() -> blobs.touch(key))));
            for (var touch : touches.entrySet()) {
                stored.put(touch.getKey(), touch.getValue().get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? new UncheckedIOException(io)
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up blobs", e);
        }
        return stored;
    }

    /**
     * Stores an upload whose sha256 must be {@code key}: to a temporary file first, so nothing is stored when it is
     * not (400).
     */
    public void receive(String key, InputStream body) throws IOException {
        requireKey(key);
        Files.createDirectories(uploads);
        Path temp = Files.createTempFile(uploads, "upload", ".tmp");
        try {
            MessageDigest sha256 = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                body.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(key)) {
                throw Refusal.invalid("The uploaded bytes hash to " + actual + ", not to " + key
                        + "; nothing was stored.");
            }
            blobs.put(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** When the blob was stored or last touched; empty when absent. */
    public Optional<java.time.Instant> lastTouched(String key) throws IOException {
        return blobs.lastTouched(requireKey(key));
    }

    public Optional<Source> source(String key) throws IOException {
        requireKey(key);
        Optional<Path> local = blobs.localFile(key);
        if (local.isPresent()) {
            return Optional.of(new Source.LocalFile(local.get()));
        }
        if (!blobs.exists(key)) {
            return Optional.empty();
        }
        if (blobs instanceof DirectAccess direct) {
            return Optional.of(new Source.Redirect(direct.presignDownload(key)));
        }
        return Optional.of(new Source.Stream(blobs.open(key)));
    }

    private static String requireKey(String key) {
        if (!BlobTransfer.isKey(key)) {
            throw Refusal.invalid("'" + key + "' is not a blob key (64 lower-case hex digits of a sha256).");
        }
        return key;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

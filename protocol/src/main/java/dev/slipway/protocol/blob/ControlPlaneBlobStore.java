package dev.slipway.protocol.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The blob store as seen by a process that reaches it only over HTTP: the control plane's {@link BlobTransfer} API.
 * {@code put} and {@link #putAll} hash locally, ask which keys the store lacks, and upload only those, a few at a
 * time, straight to the store when the control plane hands out presigned URLs. Reads follow a redirect to a
 * presigned URL (without this process's token) and check the bytes' sha256 at the end of the stream.
 *
 * <p>It neither lists, deletes nor touches blobs: blob GC runs on the control plane ({@link #lastTouched} only reads
 * the touch time). Thread-safe.
 */
public final class ControlPlaneBlobStore implements BlobStore, AutoCloseable {

    /** Uploads in flight at once: enough to hide round trips, few enough not to swamp a small control plane. */
    static final int PARALLEL_UPLOADS = 4;
    static final Duration RETRY_FOR = Duration.ofMinutes(2);

    private final BlobHttp http;
    private final String prefix;

    /**
     * @param controlPlaneUrl the control plane's base URL ({@code SLIPWAY_CONTROL_PLANE_URL})
     * @param bearerToken     this process's runner or edge token
     * @param apiPrefix       {@link BlobTransfer#RUNNER_PREFIX} or {@link BlobTransfer#EDGE_PREFIX} (read only)
     */
    public ControlPlaneBlobStore(URI controlPlaneUrl, String bearerToken, String apiPrefix) {
        this(controlPlaneUrl, bearerToken, apiPrefix, RETRY_FOR);
    }

    ControlPlaneBlobStore(URI controlPlaneUrl, String bearerToken, String apiPrefix, Duration retryFor) {
        this.http = new BlobHttp(controlPlaneUrl, bearerToken, retryFor);
        this.prefix = apiPrefix.endsWith("/") ? apiPrefix.substring(0, apiPrefix.length() - 1) : apiPrefix;
    }

    @Override
    public String put(Path file) throws IOException {
        return putAll(List.of(file)).keys().values().iterator().next();
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        String key = BlobKeys.sha256Hex(bytes);
        for (BlobTransfer.Missing missing : missing(List.of(new BlobTransfer.BlobRef(key, bytes.length)))) {
            upload(missing, () -> HttpRequest.BodyPublishers.ofByteArray(bytes), bytes.length);
        }
        return key;
    }

    /**
     * One question per {@link BlobTransfer#MAX_KEYS_PER_REQUEST} different blobs, then the missing ones go up
     * {@link #PARALLEL_UPLOADS} at a time before the next question (so no presigned URL waits long for its turn).
     */
    @Override
    public Transfer putAll(Collection<Path> files) throws IOException {
        Map<Path, String> keys = new LinkedHashMap<>();
        Map<String, Path> fileOf = new LinkedHashMap<>();
        Map<String, Long> sizeOf = new LinkedHashMap<>();
        for (Path file : new LinkedHashSet<>(files)) {
            String key = BlobKeys.sha256Hex(file);
            keys.put(file, key);
            if (fileOf.putIfAbsent(key, file) == null) {
                sizeOf.put(key, Files.size(file));
            }
        }
        AtomicInteger uploaded = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        List<String> distinct = new ArrayList<>(fileOf.keySet());
        for (int from = 0; from < distinct.size(); from += BlobTransfer.MAX_KEYS_PER_REQUEST) {
            List<BlobTransfer.BlobRef> chunk = distinct.subList(from,
                    Math.min(distinct.size(), from + BlobTransfer.MAX_KEYS_PER_REQUEST)).stream()
                    .map(key -> new BlobTransfer.BlobRef(key, sizeOf.get(key))).toList();
            uploadAll(missing(chunk), missing -> {
                Path file = fileOf.get(missing.key());
                upload(missing, () -> HttpRequest.BodyPublishers.ofFile(file), sizeOf.get(missing.key()));
                uploaded.incrementAndGet();
                bytes.addAndGet(sizeOf.get(missing.key()));
            });
        }
        return new Transfer(keys, uploaded.get(), bytes.get());
    }

    private interface UploadOne {
        void upload(BlobTransfer.Missing missing) throws IOException;
    }

    private static void uploadAll(List<BlobTransfer.Missing> missing, UploadOne upload) throws IOException {
        if (missing.size() == 1) {
            upload.upload(missing.getFirst());
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_UPLOADS,
                Thread.ofVirtual().name("blob-upload-", 0).factory());
        try {
            List<Future<Void>> uploads = new ArrayList<>();
            for (BlobTransfer.Missing one : missing) {
                uploads.add(pool.submit(() -> {
                    upload.upload(one);
                    return null;
                }));
            }
            for (Future<Void> done : uploads) {
                done.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while uploading blobs");
        } finally {
            pool.shutdownNow();
            pool.close();
        }
    }

    /** The keys among {@code blobs} the store lacks, with where to upload each (touches the others). */
    private List<BlobTransfer.Missing> missing(List<BlobTransfer.BlobRef> blobs) throws IOException {
        byte[] body = BlobHttp.JSON.writeValueAsBytes(new BlobTransfer.MissingRequest(blobs));
        HttpResponse<byte[]> response = http.send(() -> http.request(prefix + BlobTransfer.MISSING)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw BlobHttp.unexpected(response.request(), response.statusCode(), response.body());
        }
        try {
            List<BlobTransfer.Missing> missing = BlobHttp.JSON.readValue(response.body(),
                    BlobTransfer.MissingResponse.class).missing();
            Set<String> asked = new java.util.HashSet<>(blobs.stream().map(BlobTransfer.BlobRef::key).toList());
            for (BlobTransfer.Missing one : missing) {
                if (!asked.contains(one.key()) || one.upload() == null || one.upload().url() == null) {
                    throw new IOException("the control plane named a blob it was not asked about, or no upload: "
                            + one);
                }
            }
            return missing;
        } catch (RuntimeException e) {
            throw new IOException("unreadable answer to " + BlobHttp.describe(response.request()) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sends one blob as told. A presigned URL the store refuses (it may have expired while earlier uploads ran) is
     * asked for again once.
     */
    private void upload(BlobTransfer.Missing missing, BodySource body, long size) throws IOException {
        HttpResponse<String> response = send(missing.upload(), body);
        if (response.statusCode() / 100 == 2) {
            return;
        }
        if (missing.upload().isPresigned() && response.statusCode() == 403) {
            List<BlobTransfer.Missing> again = missing(List.of(new BlobTransfer.BlobRef(missing.key(), size)));
            if (again.isEmpty()) {
                return;
            }
            response = send(again.getFirst().upload(), body);
            if (response.statusCode() / 100 == 2) {
                return;
            }
        }
        throw BlobHttp.unexpected(response.request(), response.statusCode(), response.body());
    }

    private interface BodySource {
        HttpRequest.BodyPublisher open() throws IOException;
    }

    private HttpResponse<String> send(BlobTransfer.Upload upload, BodySource body) throws IOException {
        return http.send(() -> {
            HttpRequest.Builder request = http.request(upload.url()).timeout(BlobHttp.UPLOAD_TIMEOUT);
            upload.headers().forEach((name, value) -> {
                // the client sets these itself (from the body's length and the URL)
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                    request.header(name, value);
                }
            });
            return request.method(upload.method(), body.open()).build();
        }, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public boolean exists(String key) {
        if (!BlobKeys.isKey(key)) {
            return false;
        }
        try {
            return head(key).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's touch time, from a HEAD's {@code Last-Modified} (read only: an edge shows it to visitors). */
    @Override
    public Optional<Instant> lastTouched(String key) throws IOException {
        return head(BlobKeys.require(key)).map(headers -> headers.firstValue("Last-Modified")
                .map(date -> java.time.ZonedDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant())
                .orElseThrow(() -> new IllegalStateException("the control plane sent no Last-Modified for " + key)));
    }

    /** A HEAD's headers; empty for 404. */
    private Optional<java.net.http.HttpHeaders> head(String key) throws IOException {
        HttpResponse<String> response = http.send(() -> http.request(prefix + "/" + key)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return switch (response.statusCode()) {
            case 200 -> Optional.of(response.headers());
            case 404 -> Optional.empty();
            default -> throw BlobHttp.unexpected(response.request(), response.statusCode(), response.body());
        };
    }

    /** Follows one redirect to a presigned URL, without the token; the stream checks the sha256 at its end. */
    @Override
    public InputStream open(String key) throws IOException {
        String path = prefix + "/" + BlobKeys.require(key);
        HttpResponse<InputStream> response = get(path);
        if (response.statusCode() / 100 == 3) {
            response.body().close();
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException("GET " + path + " redirected without a Location"));
            response = get(location);
        }
        if (response.statusCode() == 200) {
            return new VerifiedStream(response.body(), key);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(4096);
        }
        if (response.statusCode() == 404) {
            throw new NoSuchFileException(key, null, "no such blob on the control plane");
        }
        throw BlobHttp.unexpected(response.request(), response.statusCode(), body);
    }

    private HttpResponse<InputStream> get(String pathOrUrl) throws IOException {
        return http.send(() -> http.request(pathOrUrl).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Override
    public boolean delete(String key) {
        throw gcOnly("delete");
    }

    @Override
    public Page list(String after, int limit) {
        throw gcOnly("list");
    }

    private static UnsupportedOperationException gcOnly(String what) {
        return new UnsupportedOperationException(what + " is for blob GC, which runs only on the control plane; "
                + "this process reaches blobs through the control plane's blob API");
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "control plane blob API " + prefix;
    }
}

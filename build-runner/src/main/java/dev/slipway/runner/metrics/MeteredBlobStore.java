package dev.slipway.runner.metrics;

import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** A blob store that counts the bytes stored through it ({@code slipway_runner_upload_bytes_total}). */
public final class MeteredBlobStore implements BlobStore {

    private final BlobStore store;

    public MeteredBlobStore(BlobStore store) {
        this.store = store;
    }

    @Override
    public String put(Path file) throws IOException {
        long size = Files.size(file);
        String key = store.put(file);
        RunnerMeters.uploaded(size);
        return key;
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        String key = store.put(bytes);
        RunnerMeters.uploaded(bytes.length);
        return key;
    }

    /** The store's own batch (stores skip blobs they already have); only the bytes it sent count. */
    @Override
    public Transfer putAll(Collection<Path> files) throws IOException {
        Transfer transfer = store.putAll(files);
        RunnerMeters.uploaded(transfer.uploadedBytes());
        return transfer;
    }

    @Override
    public boolean touch(String key) throws IOException {
        return store.touch(key);
    }

    @Override
    public boolean exists(String key) {
        return store.exists(key);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return store.open(key);
    }

    @Override
    public Optional<Path> localFile(String key) {
        return store.localFile(key);
    }

    @Override
    public Optional<Instant> lastTouched(String key) throws IOException {
        return store.lastTouched(key);
    }

    @Override
    public boolean delete(String key) throws IOException {
        return store.delete(key);
    }

    @Override
    public Page list(String after, int limit) throws IOException {
        return store.list(after, limit);
    }

    @Override
    public String toString() {
        return store.toString();
    }
}

package dev.slipway.edge.feed;

import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.json.JsonMappers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last applied snapshot on disk, so a restarted edge serves before (or without) reaching the control plane.
 * Written to a temporary file in the same directory, fsynced, then renamed over the old one: a crash leaves either
 * the old or the new snapshot, never a torn one. Not thread-safe for concurrent saves (the feed is the one writer).
 */
public final class SnapshotStore {

    private static final JsonMapper JSON = JsonMappers.STRICT;

    private final Path file;

    public SnapshotStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    /** Empty when no snapshot was ever saved; throws when one exists but cannot be read. */
    public Optional<RouteSnapshot> load() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readAllBytes(file)));
        } catch (RuntimeException e) {
            throw new IOException("unreadable route snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    public void save(RouteSnapshot snapshot) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "routes", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(snapshot)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static RouteSnapshot parse(byte[] json) {
        return JSON.readValue(json, RouteSnapshot.class);
    }
}

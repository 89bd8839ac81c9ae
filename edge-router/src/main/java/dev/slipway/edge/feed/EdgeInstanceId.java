package dev.slipway.edge.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A random name for this edge, made once and kept in its data directory. Edges usually share one edge token, so the
 * control plane tells them apart by it when it waits for every edge to serve a route version (ACME challenges); a
 * restarted edge keeps its name and so does not count twice.
 */
public final class EdgeInstanceId {

    private EdgeInstanceId() {
    }

    public static String of(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String known = Files.readString(file).trim();
                if (known.matches("[0-9a-f]{16}")) {
                    return known;
                }
            }
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            String id = HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep this edge's id in " + file, e);
        }
    }
}

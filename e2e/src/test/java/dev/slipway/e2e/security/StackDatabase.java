package dev.slipway.e2e.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * The shared stack's embedded PostgreSQL, for tests that break data the way a broken installation would (a secret
 * sealed with another master key). PostgreSQL writes its port into {@code postmaster.pid} (fourth line) in its data
 * directory, {@code <data>/postgres}; it listens on loopback with trust authentication.
 */
final class StackDatabase {

    private StackDatabase() {
    }

    static Connection connect() throws Exception {
        Path pid = SecurityStack.get().dataDir.resolve("postgres").resolve("postmaster.pid");
        List<String> lines = Files.readAllLines(pid);
        int port = Integer.parseInt(lines.get(3).trim());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }
}

package dev.slipway.controlplane;

import dev.slipway.db.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** One real PostgreSQL per test JVM, shared by every Spring context (architecture.md §5.11). */
public final class SharedPostgres {

    private static EmbeddedPostgres postgres;
    private static final Set<String> databases = new HashSet<>();

    private SharedPostgres() {
    }

    public static synchronized String jdbcUrl() {
        return server().jdbcUrl();
    }

    /**
     * A database of its own on the shared server, created on first use: for a Spring context whose background tasks
     * must not meet another context's (each context is a control plane, and control planes sharing one database
     * share their tasks, ClusterTasks).
     */
    public static synchronized String jdbcUrl(String database) {
        EmbeddedPostgres server = server();
        if (databases.add(database)) {
            try (Connection connection = server.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create database " + database, e);
            }
        }
        return "jdbc:postgresql://localhost:" + server.port() + "/" + database + "?user=postgres";
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.startEphemeral();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }
}

package dev.slipway.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: PostgreSQL (zonky's binaries) with its data under a directory that survives restarts.
 *
 * <p>Zonky runs {@code postgres} as a child process. If the JVM that started it was killed with -9, that postgres
 * keeps running and holds the data directory; {@link #start(Path)} stops such a leftover first (it is ours: same
 * data directory), so a crash never blocks the next start. Closing stops the server.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory} (created when absent). */
    public static EmbeddedPostgres start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        stopLeftoverServer(dataDirectory);
        Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on");
        return new EmbeddedPostgres(builder.start());
    }

    /** Starts a throw-away server (tests): data in a temporary directory removed on close. */
    public static EmbeddedPostgres startEphemeral() throws IOException {
        return new EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("max_connections", "200")
                .start());
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static void stopLeftoverServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return; // stale pid file: postgres itself recovers from it
        }
        log.warn("Stopping a PostgreSQL left running on {} by an earlier crash (pid {})", dataDirectory, pid.get());
        // SIGINT = PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit
        runQuietly(List.of("kill", "-INT", Long.toString(pid.get())));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (process.get().isAlive() && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (process.get().isAlive()) {
            throw new IOException("PostgreSQL pid " + pid.get() + " still holds " + dataDirectory + " after 30 s");
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void runQuietly(List<String> command) throws IOException {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

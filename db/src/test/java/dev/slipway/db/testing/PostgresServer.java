package dev.slipway.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An external PostgreSQL server for tests: Debian's {@code postgresql} package, its own cluster in a directory,
 * run as a child process on a fixed loopback port so it can be stopped, killed and started again under the same
 * address (restart and failover tests), unlike the embedded zonky server which picks a new port each start.
 *
 * <p>PostgreSQL refuses to run as root. Like zonky (stack-notes §15) we then prefix {@code initdb} and
 * {@code postgres} with {@code unshare -U}: in a fresh user namespace the process sees itself as uid 65534 and
 * the root-owned data directory as owned by that same uid, so both checks pass without creating a system user.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "slipway";
    public static final String PASSWORD = "slipway-test-password";
    public static final String DATABASE = "slipway";

    private static final Path DEBIAN_PACKAGES = Path.of("/usr/lib/postgresql");
    private static final int MINIMUM_MAJOR_VERSION = 15;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path dataDir;
    private final Path socketDir;
    private final Path logFile;
    private final int port;
    private Process postmaster;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dataDir = dir.resolve("data");
        this.socketDir = dir.resolve("socket");
        this.logFile = dir.resolve("postgres.log");
        this.port = port;
    }

    /** Creates a cluster under {@code dir} (user {@link #USER}, database {@link #DATABASE}) and starts it. */
    public static PostgresServer start(Path dir) throws IOException {
        PostgresServer server = new PostgresServer(findBinaries(), dir, freePort());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(server::killQuietly));
        server.initdb(dir);
        server.start();
        server.createDatabase();
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    public synchronized boolean isRunning() {
        return postmaster != null && postmaster.isAlive();
    }

    /** Starts the server again (same port, same data); returns once it accepts connections. */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        Files.createDirectories(socketDir);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            postmaster = launch(List.of(bin.resolve("postgres").toString(), "-D", dataDir.toString(),
                    "-p", Integer.toString(port), "-k", socketDir.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off"),
                    ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (awaitReady(deadline)) {
                return;
            }
            // After kill() the old postmaster.pid or shared memory may still look in use for an instant.
            if (System.nanoTime() > deadline) {
                throw new IOException("PostgreSQL did not start within " + STARTUP_TIMEOUT + ":\n" + logTail());
            }
            sleep(200);
        }
    }

    /** Fast shutdown (SIGINT): open transactions roll back, clients are disconnected, data is checkpointed. */
    public synchronized void stop() throws IOException {
        if (!isRunning()) {
            return;
        }
        signal("-INT", postmaster.pid());
        awaitExit(postmaster.toHandle(), Duration.ofSeconds(30));
        postmaster = null;
    }

    /** SIGKILL to the postmaster and its backends, as a crashed machine would leave it; start() recovers. */
    public synchronized void kill() throws IOException {
        if (!isRunning()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.addFirst(postmaster.toHandle());
        for (ProcessHandle process : all) {
            process.destroyForcibly();
        }
        awaitExit(postmaster.toHandle(), Duration.ofSeconds(10));
        postmaster = null;
        // Orphaned backends exit on their own; start() retries while their lock file or shared memory lingers.
    }

    private synchronized void killQuietly() {
        if (postmaster != null) {
            postmaster.destroyForcibly(); // a test JVM that never closed us must not leave a server behind
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void initdb(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        Process initdb = launch(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-U", USER, "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync"), ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (waitFor(initdb, Duration.ofSeconds(120)) != 0) {
            throw new IOException("initdb failed:\n" + logTail());
        }
    }

    private void createDatabase() throws IOException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("could not create database " + DATABASE, e);
        }
    }

    private boolean awaitReady(long deadline) throws IOException {
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                return false;
            }
            try (Connection ignored = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", USER, PASSWORD)) {
                return true;
            } catch (SQLException notYet) {
                sleep(50);
            }
        }
        throw new IOException("PostgreSQL did not accept connections within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    private static Process launch(List<String> command, ProcessBuilder.Redirect output) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output).start();
    }

    private static boolean runningAsRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    static Path findBinaries() {
        Pattern version = Pattern.compile("\\d+");
        Optional<Path> newest;
        try (Stream<Path> versions = Files.isDirectory(DEBIAN_PACKAGES) ? Files.list(DEBIAN_PACKAGES) : Stream.empty()) {
            newest = versions.filter(p -> version.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Integer.parseInt(p.getFileName().toString()) >= MINIMUM_MAJOR_VERSION)
                    .map(p -> p.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return newest.orElseThrow(() -> new IllegalStateException("No PostgreSQL " + MINIMUM_MAJOR_VERSION
                + "+ server binaries under " + DEBIAN_PACKAGES + "/<version>/bin: install Debian's postgresql package"
                + " (apt-get install postgresql)"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void signal(String signal, long pid) throws IOException {
        waitFor(new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(), Duration.ofSeconds(10));
    }

    private static void awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for PostgreSQL to exit", e);
        } catch (Exception e) {
            throw new IOException("PostgreSQL process " + process.pid() + " still running after " + timeout, e);
        }
    }

    private static int waitFor(Process process, Duration timeout) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + process.info().commandLine().orElse("?"));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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

package dev.slipway.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The whole stack started exactly as a user starts it: {@code ./slipway up}, as a child process, with the jars the
 * reactor just packaged. Stopping sends SIGTERM, as Ctrl-C would.
 */
public final class SlipwayStack implements AutoCloseable {

    private static final int FIRST_PORT = 10000;
    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    public final int apiPort;
    public final int edgePort;
    /** The build runner's compute host (SSR), fixed per stack like the other ports so a restart keeps it. */
    public final int computePort;
    public final String token;
    public final Path dataDir;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    /** Whether the banner's last line came; the latch also opens when the output ends (the launcher exited). */
    private volatile boolean sawReady;
    public final Duration startTime;

    private final Map<String, String> extraEnvironment;

    private SlipwayStack(Path dataDir, int apiPort, int edgePort, int computePort, String token,
            Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        this.extraEnvironment = extraEnvironment;
        this.dataDir = dataDir;
        this.apiPort = apiPort;
        this.edgePort = edgePort;
        this.computePort = computePort;
        this.token = token;
        ProcessBuilder builder = new ProcessBuilder(projectRoot().resolve("slipway").toString(), "up")
                .directory(projectRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().put("SLIPWAY_DATA_DIR", dataDir.toString());
        builder.environment().put("SLIPWAY_API_PORT", Integer.toString(apiPort));
        builder.environment().put("SLIPWAY_EDGE_PORT", Integer.toString(edgePort));
        builder.environment().put("SLIPWAY_BOOTSTRAP_TOKEN", token);
        builder.environment().put("SLIPWAY_ALLOW_FILE_REPOS", "true");
        builder.environment().put("SLIPWAY_SKIP_BUILD", "true");
        builder.environment().put("SLIPWAY_EDGE_HTTPS_PORT", Integer.toString(freePort()));
        builder.environment().put("SLIPWAY_COMPUTE_PORT", Integer.toString(computePort));
        builder.environment().putAll(extraEnvironment);
        long started = System.nanoTime();
        process = builder.start();
        Thread.ofPlatform().daemon().start(this::pumpOutput);
        if (!ready.await(180, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("slipway up did not get ready:\n" + String.join("\n", output));
        }
        startTime = Duration.ofNanos(System.nanoTime() - started);
        // the output can end a moment before the process does: without the banner, the launcher is exiting
        if (!sawReady) {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (!sawReady || !process.isAlive()) {
            throw new IllegalStateException("slipway up exited:\n" + String.join("\n", output));
        }
    }

    public static SlipwayStack start(Path dataDir, String token) throws IOException, InterruptedException {
        return start(dataDir, token, Map.of());
    }

    public static SlipwayStack start(Path dataDir, String token, Map<String, String> environment)
            throws IOException, InterruptedException {
        return new SlipwayStack(dataDir, freePort(), freePort(), freePort(), token, environment);
    }

    public SlipwayStack restart() throws IOException, InterruptedException {
        close();
        return new SlipwayStack(dataDir, apiPort, edgePort, computePort, token, extraEnvironment);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public String edgeUrl() {
        return "http://127.0.0.1:" + edgePort;
    }

    /** The running process of one component ({@code control-plane}, {@code build-runner}, {@code edge-router}). */
    public ProcessHandle component(String name) {
        String jar = "slipway-" + name + "-";
        return process.descendants()
                .filter(p -> p.info().commandLine().map(line -> line.contains(jar)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " process under slipway up"));
    }

    /** kill -9 of one component, as a crash would do it; returns the pid it had. */
    public long crash(String name) {
        ProcessHandle victim = component(name);
        victim.destroyForcibly();
        victim.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        return victim.pid();
    }

    /** The last lines of one component's log under the data dir, for assertion messages. */
    public String logTail(String name, int lines) {
        try {
            List<String> all = java.nio.file.Files.readAllLines(dataDir.resolve("logs").resolve(name + ".log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + name + " log: " + e + ")";
        }
    }

    /**
     * Live processes started for this data directory: the launcher exports {@code SLIPWAY_DATA_DIR} to the processes
     * it starts, and their children (embedded PostgreSQL) inherit it. Reads {@code /proc} (Linux).
     */
    public static List<ProcessHandle> processesUsing(Path dataDir) {
        String wanted = "SLIPWAY_DATA_DIR=" + dataDir.toAbsolutePath();
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                return List.of(new String(environ, StandardCharsets.UTF_8).split("\0")).contains(wanted);
            } catch (IOException | SecurityException gone) {
                return false;
            }
        }).toList();
    }

    public String output() {
        return String.join("\n", output);
    }

    /** SIGTERM, then the launcher's exit code; every process it started must be gone afterwards. */
    public int stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.toHandle().destroy(); // SIGTERM like Ctrl-C; Process.destroy() would also close the pipes
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("slipway up did not stop within 30 s of SIGTERM");
        }
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
        return process.exitValue();
    }

    /** Like {@link #stop()} without the exit code: returns once every process it started is gone (ports free). */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            if (!child.onExit().completeOnTimeout(child, 15, TimeUnit.SECONDS).join().isAlive()) {
                continue;
            }
            child.destroyForcibly();
            child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                System.out.println("[slipway up] " + line);
                // the banner's last line: tests read the lines before it (executor, ports) once ready
                if (line.startsWith("[slipway] Ctrl-C stops everything")) {
                    sawReady = true;
                    ready.countDown();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            ready.countDown();
        }
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("user.dir")).getParent();
    }

    /**
     * A port free now, below the kernel's ephemeral range: a port the kernel hands out for {@code bind(0)} is one it
     * may give the next outgoing connection too (a stack's own start makes dozens), which then holds it when the
     * stack binds it seconds later (seen in CI: the edge's HTTPS port). Ports already handed out by this JVM are not
     * handed out again.
     */
    public static int freePort() throws IOException {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = FIRST_PORT + RANDOM.nextInt(below - FIRST_PORT);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (BindException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free port between " + FIRST_PORT + " and " + below);
    }

    private static int ephemeralRangeStart() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        // readAllLines, not readString: /proc files claim size 0 and readString then returns a single byte
        return Files.exists(range) ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32768;
    }
}

package dev.slipway.e2e.cluster;

import dev.slipway.e2e.SlipwayStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One role started exactly as an operator starts it on its own machine: {@code ./slipway <role>} with environment
 * variables only and a data directory of its own. The launcher execs the role's JVM, so this process is the role's.
 */
public final class RoleProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final String name;
    public final Path dataDir;
    private final String role;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private RoleProcess(String name, String role, Path dataDir, Map<String, String> environment) {
        this.name = name;
        this.role = role;
        this.dataDir = dataDir;
        this.environment = Map.copyOf(environment);
        this.log = dataDir.resolveSibling(name + ".log");
    }

    /** Starts the role and waits until {@code healthUrl} answers 200. */
    public static RoleProcess start(String name, String role, Path dataDir, Map<String, String> environment,
            String healthUrl) throws IOException, InterruptedException {
        RoleProcess started = new RoleProcess(name, role, dataDir, environment);
        started.launch(healthUrl);
        return started;
    }

    /** Starts the role again after {@link #kill} or {@link #stop}, with the same settings and data. */
    public void restart(String healthUrl) throws IOException, InterruptedException {
        launch(healthUrl);
    }

    private void launch(String healthUrl) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(SlipwayStack.projectRoot().resolve("slipway").toString(), role)
                .directory(SlipwayStack.projectRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // the test JVM's own settings must not leak into a role that is meant to see only what an operator gives it
        env.keySet().removeIf(key -> key.startsWith("SLIPWAY_") || key.startsWith("AWS_"));
        env.putAll(new HashMap<>(environment));
        env.put("SLIPWAY_DATA_DIR", dataDir.toString());
        env.put("SLIPWAY_SKIP_BUILD", "true");
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(60));
            }
            if (answers(healthUrl)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not answer " + healthUrl + " within 120 s:\n" + logTail(60));
    }

    static boolean answers(String url) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** kill -9, as a crashed machine would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

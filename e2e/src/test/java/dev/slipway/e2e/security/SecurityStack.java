package dev.slipway.e2e.security;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.SlipwayStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One {@code ./slipway up} shared by every test of the security suite in this JVM: a hostile probe needs a running
 * stack, not a fresh one per test, and each start costs a quarter of a minute. Tests make their own apps, so they do
 * not see each other's state. The stack stops when the test JVM exits.
 */
public final class SecurityStack {

    private static SlipwayStack stack;
    private static Path root;

    private SecurityStack() {
    }

    /** The running stack, started on first use (Docker executor, {@code file://} repositories allowed). */
    public static synchronized SlipwayStack get() {
        if (stack == null) {
            try {
                root = Files.createTempDirectory("slipway-security");
                stack = SlipwayStack.start(root.resolve("data"), "security-" + UUID.randomUUID(), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stack.close();
                } catch (InterruptedException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return stack;
    }

    /** The admin's API client of the shared stack. */
    public static Api api() {
        SlipwayStack running = get();
        return new Api(running.apiUrl(), running.token);
    }

    /** A fresh directory under the suite's temporary root, for a test's repositories. */
    public static Path newDirectory(String name) throws IOException {
        get();
        return Files.createDirectories(root.resolve(name + "-" + UUID.randomUUID()));
    }

    /** A token file that {@code slipway up} wrote into the data directory ({@code runner-token}, {@code edge-token}). */
    public static String machineToken(String name) throws IOException {
        return Files.readString(get().dataDir.resolve("tokens").resolve(name)).trim();
    }

    /** Creates an app on {@code repository} with branch {@code main} connected; returns the app's JSON. */
    public static JsonNode createApp(String name, String repository, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("name", name);
        body.put("repository", repository);
        Api.Response created = api().post("/api/v1/apps", body);
        if (created.status() != 201) {
            throw new IllegalStateException("app not created: " + created.status() + " " + created.body());
        }
        JsonNode app = created.json().path("app");
        Api.Response branch = api().post("/api/v1/apps/" + app.path("appId").asString() + "/branches",
                Map.of("branchName", "main", "enableAutoBuild", true));
        if (branch.status() != 201) {
            throw new IllegalStateException("branch not created: " + branch.status() + " " + branch.body());
        }
        return app;
    }
}

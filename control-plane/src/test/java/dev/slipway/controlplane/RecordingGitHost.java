package dev.slipway.controlplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP server standing in for a git host's REST API: it records every request exactly as received (method, raw
 * path, headers, body) and answers 201 with a fresh numeric {@code id}, or with the failures queued by
 * {@link #failNext}.
 */
final class RecordingGitHost implements AutoCloseable {

    /** @param answeredId the {@code id} this server answered with (0 when it answered a failure) */
    record Request(String method, String path, Map<String, String> headers, String body, long answeredId) {

        JsonNode json() {
            return ControlPlaneIntegrationTest.JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(1000);

    RecordingGitHost() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String basePath) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
    }

    /** The next {@code count} requests are answered with {@code status}. */
    synchronized void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            failures.add(status);
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits (up to 20 s) until a recorded request matches, and returns the last such request. */
    Request await(String what, Predicate<Request> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Request> matching = requests.stream().filter(match).toList();
            if (!matching.isEmpty()) {
                return matching.getLast();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The git host never received " + what + "; it received " + requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Integer failure;
        synchronized (this) {
            failure = failures.poll();
        }
        long id = failure != null ? 0 : ids.incrementAndGet();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body, id));
        int status = failure != null ? failure : 201;
        byte[] answer = (failure != null ? "{\"message\":\"try later\"}" : "{\"id\":" + id + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

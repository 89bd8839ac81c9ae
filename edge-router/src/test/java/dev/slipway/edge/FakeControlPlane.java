package dev.slipway.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.protocol.edge.EdgeApi;
import dev.slipway.protocol.edge.RouteSnapshot;
import dev.slipway.protocol.accesslog.AccessLogBatch;
import dev.slipway.protocol.accesslog.AccessLogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the control plane's route feed (long-polls like the real one) and its access-log intake; refuses a wrong
 * bearer token.
 */
final class FakeControlPlane implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String token;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<AccessLogEntry> accessLogs = new CopyOnWriteArrayList<>();
    private RouteSnapshot snapshot;
    private int refused;

    FakeControlPlane(String token, RouteSnapshot initial) throws IOException {
        this.token = token;
        this.snapshot = initial;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(EdgeApi.ROUTES, this::routes);
        server.createContext(EdgeApi.ACCESS_LOGS, this::accessLogs);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void publish(RouteSnapshot next) {
        snapshot = next;
        notifyAll();
    }

    synchronized int refused() {
        return refused;
    }

    List<String> queries() {
        return queries;
    }

    /** The access-log entries edges posted so far, in arrival order. */
    List<AccessLogEntry> accessLogs() {
        return accessLogs;
    }

    /** Stores a gzip-compressed JSON batch like the real endpoint: 204, or 401 for a wrong token. */
    private void accessLogs(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    || !"gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            try (InputStream body = new GZIPInputStream(exchange.getRequestBody())) {
                accessLogs.addAll(JSON.readValue(body, AccessLogBatch.class).entries());
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private void routes(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                synchronized (this) {
                    refused++;
                }
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            RouteSnapshot newer = awaitNewer(param(query, "since"), param(query, "waitMillis"));
            if (newer == null) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(newer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized RouteSnapshot awaitNewer(long since, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (snapshot.version() <= since) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        return snapshot;
    }

    private static long param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Long.parseLong(pair.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException("missing " + name + " in " + query);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

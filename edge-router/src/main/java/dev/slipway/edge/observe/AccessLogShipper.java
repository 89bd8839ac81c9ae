package dev.slipway.edge.observe;

import dev.slipway.edge.firewall.ClientAddresses;
import dev.slipway.protocol.accesslog.AccessLogBatch;
import dev.slipway.protocol.accesslog.AccessLogEntry;
import dev.slipway.protocol.edge.EdgeApi;
import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.net.Backoff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships access-log entries to the control plane ({@link EdgeApi#ACCESS_LOGS}, gzip-compressed JSON batches). The
 * request path only offers to a bounded queue ({@link #offer}: never blocks, drops and counts when full); one daemon
 * thread turns observations into {@link AccessLogEntry}s (client address, path and query split, request id) and posts
 * a batch every interval or as soon as {@link AccessLogBatch#MAX_ENTRIES} are waiting. While the control plane is away
 * the entries wait in a bounded backlog (the oldest are dropped first, counted) and attempts back off like the route
 * feed's; {@link #close} sends what is left once.
 */
public final class AccessLogShipper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLogShipper.class);
    /** Room for a few seconds of a busy edge between two drains. */
    static final int QUEUE_CAPACITY = 4 * AccessLogBatch.MAX_ENTRIES;
    /** Entries kept while the control plane is unreachable: a few minutes of a busy edge, ~60 MB at most. */
    static final int BACKLOG_CAPACITY = 20 * AccessLogBatch.MAX_ENTRIES;

    private final BlockingQueue<Observation> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ArrayDeque<AccessLogEntry> backlog = new ArrayDeque<>();
    private final LongAdder dropped = new LongAdder();
    private final URI endpoint;
    private final String token;
    private final String edgeId;
    private final Duration interval;
    private final ClientAddresses clients;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread thread;
    private volatile boolean running = true;
    private long sequence;
    private boolean failing;

    /** @param token the edge's bearer token; blank sends none (the control plane refuses, entries wait) */
    public AccessLogShipper(URI controlPlane, String token, String edgeId, Duration interval, ClientAddresses clients) {
        this.endpoint = controlPlane.resolve(EdgeApi.ACCESS_LOGS);
        this.token = token;
        this.edgeId = edgeId;
        this.interval = interval;
        this.clients = clients;
        this.thread = Thread.ofPlatform().name("slipway-access-logs").daemon().start(this::run);
    }

    /** From the request path: never blocks. */
    void offer(Observation observation) {
        if (!queue.offer(observation)) {
            dropped.increment();
        }
    }

    /** Entries dropped so far: queue full, or the backlog full while the control plane was away. */
    public long dropped() {
        return dropped.sum();
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        long nextAttempt = 0;
        while (running) {
            try {
                collect(System.nanoTime() + interval.toNanos());
            } catch (InterruptedException e) {
                break;
            }
            if (backlog.isEmpty() || System.nanoTime() < nextAttempt) {
                continue;
            }
            if (sendAll()) {
                backoff.reset();
                nextAttempt = 0;
            } else {
                nextAttempt = System.nanoTime() + backoff.next().toNanos();
            }
        }
        // shutting down: what is queued, sent once
        Thread.interrupted();
        collectQueued();
        sendAll();
    }

    /** Moves observations into the backlog until the deadline, or sooner once a full batch waits. */
    private void collect(long deadline) throws InterruptedException {
        while (running && backlog.size() < AccessLogBatch.MAX_ENTRIES) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Observation first = queue.poll(left, TimeUnit.NANOSECONDS);
            if (first != null) {
                add(first);
                collectQueued();
            }
        }
    }

    private void collectQueued() {
        List<Observation> taken = new ArrayList<>();
        queue.drainTo(taken);
        taken.forEach(this::add);
    }

    private void add(Observation observation) {
        if (backlog.size() >= BACKLOG_CAPACITY) {
            backlog.pollFirst();
            dropped.increment();
        }
        backlog.addLast(entry(observation));
    }

    /** @return whether the backlog is empty now */
    private boolean sendAll() {
        while (!backlog.isEmpty()) {
            List<AccessLogEntry> batch = new ArrayList<>(Math.min(backlog.size(), AccessLogBatch.MAX_ENTRIES));
            backlog.stream().limit(AccessLogBatch.MAX_ENTRIES).forEach(batch::add);
            try {
                post(new AccessLogBatch(edgeId, batch));
            } catch (IOException | RuntimeException e) {
                if (!failing) {
                    failing = true;
                    log.warn("Access logs: {} unavailable ({}); keeping up to {} entries and retrying", endpoint,
                            e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), BACKLOG_CAPACITY);
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            for (int i = 0; i < batch.size(); i++) {
                backlog.pollFirst();
            }
            if (failing) {
                failing = false;
                log.info("Access logs: {} is back", endpoint);
            }
        }
        return true;
    }

    private void post(AccessLogBatch batch) throws IOException, InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JsonMappers.STRICT.writeValue(gzip, batch);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 400 || status == 413) {
            // the control plane will never take this batch: keeping it would stop every later one
            log.warn("Access logs: {} refused a batch of {} entries with HTTP {}; dropped", endpoint,
                    batch.entries().size(), status);
            dropped.add(batch.entries().size());
            return;
        }
        if (status / 100 != 2) {
            throw new IOException("HTTP " + status + (status == 401 || status == 403 ? " (check SLIPWAY_EDGE_TOKEN)" : ""));
        }
    }

    private AccessLogEntry entry(Observation o) {
        String uri = o.uri() == null ? "" : o.uri();
        int question = uri.indexOf('?');
        String client = NetUtil.bytesToIpAddress(clients.client(o.peer(),
                name -> Observation.FORWARDED_FOR.equalsIgnoreCase(name) ? o.forwardedFor() : o.country()).address());
        var route = o.site() == null ? null : o.site().route();
        return new AccessLogEntry(o.epochMillis(), edgeId + "-" + Long.toString(++sequence, 36), o.host(),
                route == null ? null : route.appId(), route == null ? null : route.branchName(),
                route == null || o.result() == Result.REDIRECT || o.result() == Result.BLOCKED ? null
                        : route.deploymentId(),
                o.method(), question < 0 ? uri : uri.substring(0, question),
                question < 0 ? null : uri.substring(question + 1), o.status(), o.bytes(),
                o.durationNanos() / 1000, client,
                o.peer() instanceof InetSocketAddress inet ? inet.getPort() : 0, o.userAgent(), o.referer(),
                o.https() ? "https" : "http", o.protocol(), o.result().label(), o.blockedReason(), o.contentType());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.shutdownNow();
    }
}

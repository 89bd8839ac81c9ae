package dev.slipway.edge.feed;

import dev.slipway.edge.EdgeProperties;
import dev.slipway.protocol.edge.EdgeApi;
import dev.slipway.protocol.net.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Long-polls the control plane's route feed ({@link EdgeApi#ROUTES}) on one daemon thread and hands every newer
 * snapshot to {@link Routes}. A blocking loop on its own thread keeps this simple: there is exactly one request in
 * flight, and nothing here touches the event loops that serve traffic.
 *
 * <p>While the control plane is unreachable the edge keeps serving what it has; the outage is logged once when it
 * starts and once when it ends, and attempts back off up to {@link #MAX_BACKOFF}.
 */
public final class RouteFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteFeed.class);
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final EdgeProperties properties;
    private final Routes routes;
    private volatile HttpClient http;
    private volatile String instanceId;
    private volatile Thread thread;
    private boolean failing;

    public RouteFeed(EdgeProperties properties, Routes routes) {
        this.properties = properties;
        this.routes = routes;
    }

    @Override
    public void start() {
        if (!properties.hasToken()) {
            log.warn("slipway.edge.token (SLIPWAY_EDGE_TOKEN) is not set; the control plane will refuse the route feed");
        }
        instanceId = EdgeInstanceId.of(properties.instanceIdFile());
        // HTTP/1.1 only: the default h2c upgrade attempt on plain http stalled polls intermittently
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        // publish the thread before it runs: the loop checks that it is still the current feed thread
        Thread feed = Thread.ofPlatform().name("slipway-route-feed").daemon().unstarted(this::run);
        thread = feed;
        feed.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        HttpClient client = http;
        if (client != null) {
            client.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        Backoff backoff = new Backoff(MIN_BACKOFF, MAX_BACKOFF);
        while (thread == Thread.currentThread()) {
            try {
                pollOnce();
                backoff.reset();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                outage(e);
                try {
                    backoff.pause();
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** One long-poll: 200 applies a snapshot, 304 means "nothing new within the wait", anything else is an error. */
    void pollOnce() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(), HttpResponse.BodyHandlers.ofByteArray());
        switch (response.statusCode()) {
            case 200 -> {
                recovered();
                routes.apply(SnapshotStore.parse(response.body()));
                routes.confirmed();
            }
            case 304 -> {
                recovered();
                routes.confirmed();
            }
            default -> throw new IOException("route feed answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 || response.statusCode() == 403 ? " (check SLIPWAY_EDGE_TOKEN)" : ""));
        }
    }

    private HttpRequest request() {
        long waitMillis = properties.pollWait().toMillis();
        URI uri = properties.controlPlaneUrl().resolve(
                EdgeApi.ROUTES + "?since=" + routes.version() + "&waitMillis=" + waitMillis + "&edge=" + instanceId);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .header("Accept", "application/json")
                // the server holds the request for up to waitMillis; allow for its own latency on top
                .timeout(properties.pollWait().plusSeconds(10));
        if (properties.hasToken()) {
            request.header("Authorization", "Bearer " + properties.token());
        }
        return request.build();
    }

    private void outage(Exception e) {
        if (!failing) {
            failing = true;
            log.warn("Route feed at {} unavailable ({}); serving route version {} and retrying",
                    properties.controlPlaneUrl(), describe(e), routes.version());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("Route feed at {} is back", properties.controlPlaneUrl());
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

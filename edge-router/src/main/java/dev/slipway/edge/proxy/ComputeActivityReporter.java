package dev.slipway.edge.proxy;

import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.ssr.ComputeActivity;
import dev.slipway.protocol.ssr.ComputeApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells each compute host, once a second, which of its deployments this edge sent requests to (or still has open,
 * such as a websocket), since requests no longer pass through the compute host that decides when an instance is idle.
 * The answer lists the host's running instances, and addresses of any others are forgotten.
 */
public final class ComputeActivityReporter implements SmartLifecycle {

    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ComputeActivityReporter.class);

    private record Key(String hostUrl, String deploymentId) {
    }

    /** One deployment's requests on one compute host; {@link #closed()} when a request {@link #opened} ends. */
    static final class Usage {
        private final AtomicInteger open = new AtomicInteger();
        private volatile boolean usedSinceReport;

        void closed() {
            open.decrementAndGet();
            usedSinceReport = true;
        }
    }

    private final ComputeInstanceAddresses addresses;
    private final Map<Key, Usage> usage = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMappers.STRICT;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Thread thread;

    public ComputeActivityReporter(ComputeInstanceAddresses addresses) {
        this.addresses = addresses;
    }

    /** A request to the deployment's app begins; call {@link Usage#closed()} on the answer when it ends. */
    Usage opened(String hostUrl, String deploymentId) {
        Usage used = usage.computeIfAbsent(new Key(hostUrl, deploymentId), k -> new Usage());
        used.open.incrementAndGet();
        used.usedSinceReport = true;
        return used;
    }

    /** One report to every compute host this edge used or holds addresses of. */
    void reportOnce() throws InterruptedException {
        Map<String, List<String>> byHost = new HashMap<>();
        for (String host : addresses.hosts()) {
            byHost.put(host, new ArrayList<>());
        }
        usage.forEach((key, used) -> {
            if (used.usedSinceReport || used.open.get() > 0) {
                used.usedSinceReport = false;
                byHost.computeIfAbsent(key.hostUrl(), h -> new ArrayList<>()).add(key.deploymentId());
            }
        });
        Set<String> unreachable = new HashSet<>();
        byHost.forEach((host, deployments) -> {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(host + ComputeApi.ACTIVITY))
                        .timeout(Duration.ofSeconds(2)).header("Content-Type", "application/json")
                        .header(ComputeApi.ACCESS_KEY_HEADER, addresses.accessKey())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                json.writeValueAsBytes(new ComputeActivity.Report(deployments)))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    addresses.retain(host, json.readValue(response.body(), ComputeActivity.Answer.class).running());
                } else {
                    unreachable.add(host + " (HTTP " + response.statusCode() + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                unreachable.add(host + " (" + e.getMessage() + ")");
            }
        });
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!unreachable.isEmpty()) {
            // the compute host may be restarting; its instances went with it and the next request finds out
            log.debug("compute activity not delivered to {}", unreachable);
        }
    }

    @Override
    public void start() {
        Thread reporter = Thread.ofPlatform().name("slipway-compute-activity").daemon().unstarted(this::run);
        thread = reporter;
        reporter.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                reportOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("compute activity report failed: {}", e.toString());
            }
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
        http.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}

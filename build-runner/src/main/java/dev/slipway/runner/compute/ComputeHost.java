package dev.slipway.runner.compute;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.ssr.ComputeApi;
import dev.slipway.protocol.ssr.ComputeHeartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compute host role of the runner process: the front proxy on its port, the instance monitor (every second),
 * and the heartbeat that tells the control plane where edges reach this host (every 5 s). On start it removes
 * compute containers a killed predecessor left; on stop it removes its own.
 */
public final class ComputeHost implements SmartLifecycle {

    static final Duration MONITOR_EVERY = Duration.ofSeconds(1);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
    /** A request waits this long beyond the start timeout for a restart before it is answered 503. */
    static final Duration EXTRA_REQUEST_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ComputeHost.class);

    private final ComputeProperties settings;
    private final String hostId;
    private final ComputeContainers containers;
    private final ComputeControlClient control;
    private final ComputeLogFiles logs;
    private final ComputeInstances instances;
    private final ComputeMonitor instanceMonitor;
    private final ComputeProxy proxy;
    private final JsonMapper json = JsonMappers.STRICT;
    private volatile DisposableServer server;
    private volatile String url;
    /** Handed out by the control plane with each heartbeat answer; null until the first one. */
    private final java.util.concurrent.atomic.AtomicReference<String> accessKey =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean running;
    private Thread monitor;
    private Thread heartbeat;

    /**
     * @param scratch   where bundle tars are written before upload
     * @param logRoot   {@code <dataDir>/compute/logs}
     */
    public ComputeHost(ComputeProperties settings, DockerClient docker, String image, BlobStore blobs,
                       ComputeControlClient control, String hostId, Path scratch, Path logRoot) {
        this(settings, docker, image, blobs, control, hostId, scratch, logRoot, ComputeMonitor.RUNTIME_REFRESH);
    }

    /** @param runtimeRefresh how often {@code live} is re-read; shorter in tests */
    ComputeHost(ComputeProperties settings, DockerClient docker, String image, BlobStore blobs,
                ComputeControlClient control, String hostId, Path scratch, Path logRoot, Duration runtimeRefresh) {
        this.settings = settings;
        this.hostId = hostId;
        this.control = control;
        this.containers = new ComputeContainers(docker, image, settings.memory().toBytes(),
                (long) (settings.cpus() * 1_000_000_000L), settings.bindIp(), hostId, settings.network(),
                scratch);
        this.logs = new ComputeLogFiles(logRoot, ComputeLogFiles.DEFAULT_ROTATE_AT);
        InstanceStarter starter = new InstanceStarter(containers, blobs, logs, settings.startTimeout());
        this.instances = new ComputeInstances(containers, starter, control,
                settings.startTimeout().plus(EXTRA_REQUEST_WAIT));
        this.instanceMonitor = new ComputeMonitor(instances, containers, control, settings.idleTimeout(),
                settings.drainAfter(), runtimeRefresh);
        this.proxy = new ComputeProxy(instances, containers.localAddress(), this::healthJson, this::url, accessKey::get,
                control::identityProof);
    }

    public boolean engineAnswers() {
        return containers.engineAnswers();
    }

    /** The URL edges use, once started. */
    public String url() {
        return url;
    }

    public int port() {
        return server.port();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        int removed = containers.removeLeftovers();
        containers.prepareNetwork();
        server = HttpServer.create().host(settings.bindIp()).port(settings.port())
                .handle(proxy::handle).bindNow();
        url = settings.advertisedUrlFor(server.port());
        running = true;
        monitor = Thread.ofPlatform().daemon().name("compute-monitor").start(() -> every(MONITOR_EVERY, instanceMonitor::tick));
        heartbeat = Thread.ofPlatform().daemon().name("compute-heartbeat").start(() -> every(HEARTBEAT_EVERY,
                this::sendHeartbeat));
        log.info("Compute host {} serving SSR deployments on {} (listening {}:{}, image {}, memory {}MB, cpus {}){}",
                hostId, url, settings.bindAddress(), server.port(), containers.image(),
                settings.memory().toMegabytes(), settings.cpus(),
                removed > 0 ? "; removed " + removed + " leftover compute containers" : "");
    }

    private void every(Duration interval, Runnable task) {
        while (running) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("compute host task failed: {}", e.toString());
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sendHeartbeat() {
        try {
            accessKey.set(control.heartbeat(new ComputeHeartbeat(hostId, url)));
        } catch (IOException e) {
            // the control plane may be restarting; the next beat tries again
            if (accessKey.get() == null) {
                log.warn("compute heartbeat failed: {}", e.getMessage());
            } else {
                log.debug("compute heartbeat failed: {}", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String healthJson() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("hostId", hostId);
        health.put("url", url);
        health.put("image", containers.image());
        health.put("instances", instances.views());
        return json.writeValueAsString(health);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        monitor.interrupt();
        heartbeat.interrupt();
        server.disposeNow(Duration.ofSeconds(5));
        instances.stopAll();
        proxy.close();
        logs.close();
        log.info("Compute host {} stopped", hostId);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** {@value ComputeApi#HEALTH} on this host. */
    public String healthUrl() {
        return "http://" + containers.localAddress() + ":" + port() + ComputeApi.HEALTH;
    }
}

package dev.slipway.runner.compute;

import dev.slipway.runner.metrics.RunnerMeters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.ComputeRuntime;
import dev.slipway.runner.secret.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one instance of a deployment: reads its manifest from the blob store, starts the container, follows its
 * output into the branch's log file, and waits until the app answers HTTP. Blocking; runs on its own thread.
 */
final class InstanceStarter {

    private static final Logger log = LoggerFactory.getLogger(InstanceStarter.class);
    private static final Duration PROBE_EVERY = Duration.ofMillis(100);
    /** The readiness probe is a real request the app sees (and may log); this names it. */
    static final String PROBE_AGENT = "Slipway-Compute-Probe/1";

    private final ComputeContainers containers;
    private final BlobStore blobs;
    private final ComputeLogFiles logs;
    private final Duration startTimeout;
    private final HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /** A start that failed for a reason worth showing the visitor (the app's own last lines included). */
    static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message, null, false, false);
        }
    }

    InstanceStarter(ComputeContainers containers, BlobStore blobs, ComputeLogFiles logs, Duration startTimeout) {
        this.containers = containers;
        this.blobs = blobs;
        this.logs = logs;
        this.startTimeout = startTimeout;
    }

    ComputeContainers.Started start(ComputeInstance instance, ComputeRuntime runtime, String manifestHash)
            throws StartFailure, IOException, InterruptedException {
        ComputeBundle bundle = bundleOf(manifestHash);
        try {
            logs.fileOf(runtime.appId(), runtime.branchName());
        } catch (IllegalArgumentException e) {
            throw new StartFailure(e.getMessage());
        }
        long began = System.nanoTime();
        ComputeContainers.Started started = containers.start(instance.deploymentId, bundle, blobs, environment(runtime));
        RunnerMeters.containerStarted("compute", Duration.ofNanos(System.nanoTime() - began));
        followOutput(instance, runtime, started.containerId());
        try {
            awaitHttp(started, instance);
        } catch (StartFailure | InterruptedException | RuntimeException e) {
            containers.remove(started.containerId());
            throw e;
        }
        log.info("compute instance of deployment {} ({}/{}) answers on {}:{} after {} ms",
                instance.deploymentId, runtime.appId(), runtime.branchName(), containers.localAddress(), started.hostPort(),
                (System.nanoTime() - began) / 1_000_000);
        return started;
    }

    private ComputeBundle bundleOf(String manifestHash) throws StartFailure, IOException {
        DeploymentManifest manifest;
        try {
            manifest = DeploymentManifest.fromJson(blobs.read(manifestHash));
        } catch (NoSuchFileException e) {
            throw new StartFailure("manifest " + manifestHash + " is not in this host's blob store");
        }
        if (manifest.compute() == null) {
            throw new StartFailure("manifest " + manifestHash + " has no compute bundle (not an SSR deployment)");
        }
        return manifest.compute();
    }

    /** Platform variables around the app's own: NODE_ENV may be overridden, the port contract may not. */
    static Map<String, String> environment(ComputeRuntime runtime) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NODE_ENV", "production");
        env.put("HOME", "/tmp");
        if (runtime.environment() != null) {
            env.putAll(runtime.environment());
        }
        env.put("PORT", Integer.toString(ComputeBundle.PORT));
        env.put("HOSTNAME", "0.0.0.0");
        return env;
    }

    private void followOutput(ComputeInstance instance, ComputeRuntime runtime, String containerId) {
        List<String> secrets = runtime.secretValues() == null ? List.of() : runtime.secretValues();
        Map<String, String> named = new LinkedHashMap<>();
        IntStream.range(0, secrets.size()).forEach(i -> named.put("secret" + i, secrets.get(i)));
        SecretMasker masker = SecretMasker.of(named);
        containers.follow(containerId, line -> {
            String masked = masker.mask(line);
            instance.recordLine(masked);
            logs.append(runtime.appId(), runtime.branchName(), instance.deploymentId, masked);
        });
    }

    /** Any HTTP answer counts: apps may well answer 404 or a redirect on {@code /}. */
    private void awaitHttp(ComputeContainers.Started started, ComputeInstance instance)
            throws StartFailure, InterruptedException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + containers.localAddress() + ":" + started.hostPort() + "/"))
                .timeout(Duration.ofSeconds(2)).header("User-Agent", PROBE_AGENT).GET().build();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            try {
                probe.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                // the docker proxy accepts and drops connections until node listens
            }
            if (++attempt % 5 == 0) {
                ComputeContainers.State state = containers.state(started.containerId());
                if (state == null || !state.running()) {
                    containers.awaitOutput(started.containerId(), Duration.ofSeconds(1));
                    throw new StartFailure("the app exited" + (state == null ? "" : " with code " + state.exitCode()
                            + (state.oomKilled() ? " (out of memory)" : "")) + " before answering HTTP on port "
                            + ComputeBundle.PORT + lastLines(instance));
                }
            }
            Thread.sleep(PROBE_EVERY);
        }
        throw new StartFailure("the app did not answer HTTP on port " + ComputeBundle.PORT + " within "
                + startTimeout.toSeconds() + " s" + lastLines(instance));
    }

    private static String lastLines(ComputeInstance instance) {
        List<String> lines = instance.recentLines();
        return lines.isEmpty() ? "" : "; its last output:\n" + String.join("\n", lines);
    }
}

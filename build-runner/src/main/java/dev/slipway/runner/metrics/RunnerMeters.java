package dev.slipway.runner.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The runner's meters (docs/administration/monitoring.md). They live in Micrometer's global
 * registry, which Spring Boot links to the Prometheus registry behind {@code /actuator/prometheus}: the runner's
 * parts are wired by hand and also run without Spring ({@code ./slipway build}, tests), where the global registry
 * simply keeps them to itself.
 */
public final class RunnerMeters {

    private static final AtomicInteger BUILDS_RUNNING = new AtomicInteger();

    static {
        Gauge.builder("slipway.runner.builds.running", BUILDS_RUNNING, AtomicInteger::get)
                .description("Builds this runner runs now").register(Metrics.globalRegistry);
    }

    private RunnerMeters() {
    }

    /** Marks one build as running until {@link #buildEnded} with its result. */
    public static void buildStarted() {
        BUILDS_RUNNING.incrementAndGet();
    }

    public static void buildEnded(String result) {
        BUILDS_RUNNING.decrementAndGet();
        Metrics.counter("slipway.runner.builds", "result", result).increment();
    }

    /** How long creating and starting a container took; {@code kind} is {@code build} or {@code compute}. */
    public static void containerStarted(String kind, Duration took) {
        Timer.builder("slipway.runner.container.start").description("Time to create and start a container")
                .tag("kind", kind).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(Metrics.globalRegistry).record(took);
    }

    public static void uploaded(long bytes) {
        io.micrometer.core.instrument.Counter.builder("slipway.runner.upload").baseUnit("bytes")
                .description("Bytes this runner stored in the blob store (artifacts, caches, test reports)")
                .register(Metrics.globalRegistry).increment(bytes);
    }

    /** A build with cache paths found its cache ({@code hit}) or had to build without one ({@code miss}). */
    public static void buildCache(boolean hit) {
        Metrics.counter("slipway.runner.build.cache", "result", hit ? "hit" : "miss").increment();
    }

    /** The compute host's instances now; the gauge reads {@code count} on each scrape. */
    public static void computeInstances(Supplier<Number> count) {
        Gauge.builder("slipway.runner.compute.instances", count, s -> s.get().doubleValue())
                .description("SSR instances this runner's compute host runs").strongReference(true)
                .register(Metrics.globalRegistry);
    }
}

package dev.slipway.runner;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

import dev.slipway.protocol.blob.BlobStoreSettings;
import dev.slipway.runner.compute.ComputeProperties;
import dev.slipway.runner.sandbox.IsolatedNetworks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code slipway.runner.*}. Environment overrides: SLIPWAY_CONTROL_PLANE_URL, SLIPWAY_RUNNER_TOKEN, SLIPWAY_DATA_DIR,
 * SLIPWAY_EXECUTOR, SLIPWAY_ALLOW_FILE_REPOS (mapped in application.properties), plus Boot's relaxed
 * SLIPWAY_RUNNER_* names.
 *
 * @param controlPlaneUrl   base URL of the control plane
 * @param token             runner token sent as {@code Authorization: Bearer}
 * @param dataDir           data directory; work dirs under {@code runner/work/<jobId>}
 * @param executor          {@code auto} (docker when the engine answers a ping, else local), {@code docker}, {@code local}
 * @param image             build image for the docker executor
 * @param caBundle          CA bundle copied into build containers ({@code /slipway/ca.crt}); skipped when absent
 * @param allowFileRepos    allow {@code file://} and local-path repositories (tests and demos only)
 * @param leaseWait         long-poll wait of a lease request
 * @param heartbeatInterval time between heartbeats of a running job; 1 s, so a stop request ends the build within ~1 s
 * @param buildTimeout      a build running longer is killed and FAILED
 * @param memory            memory (and memory+swap) limit of a build container
 * @param cpus              CPU limit of a build container
 * @param runnerId          name shown on jobs; default {@code <hostname>-<pid>}
 * @param maxConcurrentBuilds jobs this runner builds at the same time, each leased on its own
 * @param maxLogSize        a job's log is cut past this size with a visible marker; the job goes on
 * @param buildNetwork      Docker network of build containers, created isolated when absent (see
 *                          {@link dev.slipway.runner.sandbox.IsolatedNetworks}); {@code bridge} puts builds back on
 *                          Docker's default bridge, unisolated
 * @param pidsLimit         most processes and threads a build container may have at once
 * @param compute           the SSR compute host ({@code slipway.runner.compute.*}, see {@link ComputeProperties})
 * @param blobs             the blob store ({@code SLIPWAY_BLOB_STORE}); blank: the control plane's blob API (only HTTP
 *                          needed); {@code file:<dir>} or {@code s3://...} to use a store directly
 * @param managementPort    port of the management server (probes, {@code /actuator/prometheus}); 0 picks a free one
 *                          (logged at start), so several runners on one machine never collide; the runner image
 *                          sets 8201
 * @param managementAddress address the management server listens on; loopback by default, since it answers without
 *                          credentials: set a private address (or 0.0.0.0 in a container) for Prometheus to reach it
 */
@Validated
@ConfigurationProperties("slipway.runner")
public record RunnerProperties(
        @DefaultValue("http://localhost:8080") @NotNull String controlPlaneUrl,
        String token,
        @DefaultValue(".slipway") @NotNull Path dataDir,
        @DefaultValue("auto") @NotNull ExecutorKind executor,
        @DefaultValue(DEFAULT_IMAGE) @NotNull String image,
        @DefaultValue(DEFAULT_CA_BUNDLE) Path caBundle,
        @DefaultValue("false") boolean allowFileRepos,
        @DefaultValue("30s") @NotNull Duration leaseWait,
        @DefaultValue("1s") @NotNull Duration heartbeatInterval,
        @DefaultValue(DEFAULT_BUILD_TIMEOUT) @NotNull Duration buildTimeout,
        @DefaultValue(DEFAULT_MEMORY) @NotNull DataSize memory,
        @DefaultValue(DEFAULT_CPUS) @DecimalMin("0.1") double cpus,
        String runnerId,
        @DefaultValue("1") @Min(1) int maxConcurrentBuilds,
        @DefaultValue(DEFAULT_MAX_LOG_SIZE) @NotNull DataSize maxLogSize,
        @DefaultValue(IsolatedNetworks.BUILDS) @NotBlank String buildNetwork,
        @DefaultValue("4096") @Min(64) long pidsLimit,
        @DefaultValue @Valid @NestedConfigurationProperty ComputeProperties compute,
        @DefaultValue @NestedConfigurationProperty BlobStoreSettings blobs,
        @DefaultValue("0") @Min(0) @jakarta.validation.constraints.Max(65535) int managementPort,
        @DefaultValue("127.0.0.1") @NotBlank String managementAddress) {

    public enum ExecutorKind { AUTO, DOCKER, LOCAL }

    // constants, so `slipway build` (LocalBuild, which runs without Spring) builds with the runner's own defaults
    static final String DEFAULT_IMAGE = "slipway/build:4";
    static final String DEFAULT_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
    static final String DEFAULT_BUILD_TIMEOUT = "30m";
    static final String DEFAULT_MEMORY = "4GB";
    static final String DEFAULT_CPUS = "2.0";
    static final String DEFAULT_MAX_LOG_SIZE = "100MB";

    public RunnerProperties {
        if (runnerId == null || runnerId.isBlank()) {
            runnerId = defaultRunnerId();
        }
        if (compute == null) {
            compute = ComputeProperties.defaults();
        }
        blobs = blobs == null ? BlobStoreSettings.defaults() : blobs;
        controlPlaneUrl = controlPlaneUrl.endsWith("/") ? controlPlaneUrl.substring(0, controlPlaneUrl.length() - 1)
                : controlPlaneUrl;
    }

    public Path workRoot() {
        return dataDir.resolve("runner").resolve("work");
    }

    /** Compute instance logs: {@code compute/logs/<appId>/<branchName>.log}, read by the control plane. */
    public Path computeLogRoot() {
        return dataDir.resolve("compute").resolve("logs");
    }

    public Path blobRoot() {
        return dataDir.resolve("blobs");
    }

    public static String defaultRunnerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "runner";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}

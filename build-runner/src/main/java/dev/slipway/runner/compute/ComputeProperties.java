package dev.slipway.runner.compute;

import java.time.Duration;

import dev.slipway.runner.sandbox.IsolatedNetworks;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code slipway.runner.compute.*}: the compute host that runs SSR deployments next to the build runner.
 * Environment overrides: SLIPWAY_COMPUTE_ENABLED, SLIPWAY_COMPUTE_PORT, SLIPWAY_COMPUTE_BIND_ADDRESS,
 * SLIPWAY_COMPUTE_ADVERTISED_URL, SLIPWAY_COMPUTE_IDLE_TIMEOUT (mapped in application.properties), plus Boot's relaxed
 * SLIPWAY_RUNNER_COMPUTE_* names for the rest.
 *
 * @param enabled       serve compute requests (still only when a Docker engine answers)
 * @param port          front proxy port; 0 picks a free one
 * @param bindAddress   address the front proxy listens on and the instances' ports are published on; loopback by
 *                      default because the instances have no authentication of their own and edges enforce branch
 *                      passwords in front of them. A host name is resolved once on start (a runner in a container
 *                      with {@code network_mode: host} names the Docker bridge's gateway, {@code host.docker.internal})
 * @param advertisedUrl URL sent in heartbeats for edges to reach this host; default {@code http://127.0.0.1:<port>}
 * @param idleTimeout   an instance without requests for this long is stopped (scale to zero)
 * @param drainAfter    an instance of a deployment no longer live is stopped once idle for this long
 * @param memory        memory (and memory+swap) limit of one instance container
 * @param cpus          CPU limit of one instance container
 * @param startTimeout  how long an instance may take to answer HTTP after its container started
 * @param image         image instances run in (needs {@code node} on the PATH); default: the runner's build image
 * @param network       Docker network of instance containers, created isolated when absent (no traffic between
 *                      instances, none to builds or this machine's ports); edges reach them through published ports
 */
public record ComputeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("127.0.0.1") String bindAddress,
        String advertisedUrl,
        @DefaultValue("15m") @NotNull Duration idleTimeout,
        @DefaultValue("30s") @NotNull Duration drainAfter,
        @DefaultValue("512MB") @NotNull DataSize memory,
        @DefaultValue("1.0") @DecimalMin("0.1") double cpus,
        @DefaultValue("60s") @NotNull Duration startTimeout,
        String image,
        @DefaultValue(IsolatedNetworks.COMPUTE) String network) {

    public ComputeProperties {
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
        advertisedUrl = advertisedUrl == null || advertisedUrl.isBlank() ? null : stripSlash(advertisedUrl);
        image = image == null || image.isBlank() ? null : image;
        network = network == null || network.isBlank() ? IsolatedNetworks.COMPUTE : network;
    }

    /** {@link #bindAddress} as an IP address (Docker publishes ports on addresses, not names). */
    public String bindIp() {
        try {
            return java.net.InetAddress.getByName(bindAddress).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("the compute bind address " + bindAddress + " (SLIPWAY_COMPUTE_BIND_ADDRESS)"
                    + " does not resolve", e);
        }
    }

    /** Defaults, for tests and for code that builds properties by hand. */
    public static ComputeProperties defaults() {
        return new ComputeProperties(true, 0, null, null, Duration.ofMinutes(15), Duration.ofSeconds(30),
                DataSize.ofMegabytes(512), 1.0, Duration.ofSeconds(60), null, null);
    }

    public String imageOr(String runnerImage) {
        return image == null ? runnerImage : image;
    }

    /** The URL edges use: the configured one, else loopback on the port actually bound. */
    public String advertisedUrlFor(int boundPort) {
        return advertisedUrl != null ? advertisedUrl : "http://127.0.0.1:" + boundPort;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

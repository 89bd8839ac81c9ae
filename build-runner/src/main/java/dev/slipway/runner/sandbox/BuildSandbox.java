package dev.slipway.runner.sandbox;

import java.util.List;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;

/**
 * What a build container may do beyond its memory and CPU limits. Builds run as root, as Amplify's do (package
 * installs, {@code apt-get}, {@code corepack enable} write to system directories; there is no {@code sudo}), so the
 * hardening takes privileges away from root instead of changing the user:
 * <ul>
 * <li>capabilities: all dropped but {@link #KEPT}: the file ownership and uid switching that package managers use
 *     ({@code apt-get} drops to its {@code _apt} user, {@code dpkg} and {@code tar} chown files) and killing the
 *     build's own processes. Gone compared with Docker's default set: {@code NET_RAW} (raw sockets: spoofing, ARP
 *     games on the bridge), {@code MKNOD}, {@code SETFCAP}, {@code SETPCAP}, {@code SYS_CHROOT},
 *     {@code NET_BIND_SERVICE} (Docker 20.10+ lets any user bind low ports in a container anyway) and
 *     {@code AUDIT_WRITE};</li>
 * <li>{@code no-new-privileges}: set-uid binaries and file capabilities grant nothing;</li>
 * <li>a pids limit, so a fork bomb ends the build, not the machine;</li>
 * <li>the network ({@code null}: Docker's default bridge), see {@link IsolatedNetworks}.</li>
 * </ul>
 *
 * @param network   Docker network the container joins; null for the engine's default bridge
 * @param pidsLimit most processes and threads the container may have at once
 */
public record BuildSandbox(String network, long pidsLimit) {

    public static final long DEFAULT_PIDS_LIMIT = 4096;

    static final List<Capability> KEPT = List.of(Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER,
            Capability.FSETID, Capability.KILL, Capability.SETGID, Capability.SETUID);

    /** Hardened, on Docker's default bridge: for {@code slipway build} on a developer's own machine, and tests. */
    public static BuildSandbox defaultBridge() {
        return new BuildSandbox(null, DEFAULT_PIDS_LIMIT);
    }

    /** Adds the restrictions to a container's host config and returns it. */
    public HostConfig apply(HostConfig host) {
        host.withCapDrop(Capability.ALL)
                .withCapAdd(KEPT.toArray(Capability[]::new))
                .withSecurityOpts(List.of("no-new-privileges"))
                .withPidsLimit(pidsLimit);
        if (network != null) {
            host.withNetworkMode(network);
        }
        return host;
    }
}

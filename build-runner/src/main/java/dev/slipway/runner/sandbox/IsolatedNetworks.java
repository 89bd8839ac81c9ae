package dev.slipway.runner.sandbox;

import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker networks builds and SSR servers run on (issue 16, H2). On Docker's default bridge every container
 * reaches every other one and the host's ports through the gateway: a build could read another app's SSR answers
 * (its runtime secrets) and call the control plane. Each network made here is a user-defined bridge
 * <ul>
 * <li>with inter-container traffic off ({@code enable_icc=false}): two builds, or two apps' servers, on the same
 *     network cannot talk to each other;</li>
 * <li>apart from every other bridge by Docker's own isolation chains: a build cannot reach an SSR container, and
 *     neither reaches containers on the default bridge;</li>
 * <li>NATed to the internet as the default bridge is (package registries, git hosts, APIs);</li>
 * <li>cut from this machine's own ports by {@link HostFirewall}. Edges reach SSR servers through the ports the
 *     compute host publishes, which is traffic from the host into the network, not out of it.</li>
 * </ul>
 * Created on the runner's start when absent, under a fixed bridge interface name (the network's name when it fits
 * Linux's 15 characters), so the firewall rule names the interface. Whatever cannot be isolated is logged as a
 * warning that says what a build can then reach and how to fix it; the runner still starts.
 */
public final class IsolatedNetworks {

    public static final String BUILDS = "slipway-builds";
    public static final String COMPUTE = "slipway-compute";
    static final String ICC = "com.docker.network.bridge.enable_icc";
    static final String BRIDGE_NAME = "com.docker.network.bridge.name";
    static final String LABEL = "slipway.network";
    /** Docker's own networks: used as named, never created or firewalled here. */
    private static final Set<String> ENGINE_NETWORKS = Set.of("bridge", "host", "none", "default");
    private static final int MAX_INTERFACE_NAME = 15;
    private static final Logger log = LoggerFactory.getLogger(IsolatedNetworks.class);

    private final DockerClient docker;
    private final HostFirewall firewall;

    public IsolatedNetworks(DockerClient docker, HostFirewall firewall) {
        this.docker = docker;
        this.firewall = firewall;
    }

    /**
     * Makes sure network {@code name} exists and is isolated as far as this process can; logs what is not.
     *
     * @param who whose containers join it ("build", "SSR"), for the log
     * @return whether the network is fully isolated (its own bridge, no inter-container traffic, host ports cut)
     * @throws IllegalStateException when the engine cannot create the network (containers could not start on it)
     */
    public boolean prepare(String name, String who) {
        if (ENGINE_NETWORKS.contains(name)) {
            if (!"none".equals(name)) {
                log.warn("NOT ISOLATED: {} containers run on Docker's '{}' network (configured), where they reach the "
                        + "other containers there and this machine's ports (control plane, compute host, edge)", who,
                        name);
            }
            return "none".equals(name);
        }
        Network network = inspectOrCreate(name);
        Map<String, String> options = network.getOptions() == null ? Map.of() : network.getOptions();
        boolean isolated = true;
        if (!"false".equals(options.get(ICC))) {
            log.warn("NOT ISOLATED: the existing Docker network {} lets its containers talk to each other ({} is not "
                    + "false): one {} container can reach another; remove the network (docker network rm {}) when no "
                    + "container uses it and restart the runner, which creates it isolated", name, ICC, who, name);
            isolated = false;
        }
        String iface = options.getOrDefault(BRIDGE_NAME, "br-" + network.getId().substring(0, 12));
        var problem = firewall.isolate(iface);
        if (problem.isPresent()) {
            log.warn("NOT ISOLATED: {} containers on network {} can reach every port this machine listens on (the "
                    + "control plane, the compute host, edges, databases) through the bridge {}: {}. Run the runner as "
                    + "root on the host with iptables installed, or add these rules on the host:\n  {}", who, name,
                    iface, problem.get(), String.join("\n  ", HostFirewall.manualCommands(iface)));
            isolated = false;
        }
        if (isolated) {
            log.info("{} containers run on network {} (bridge {}): no traffic between containers, none to this "
                    + "machine's ports, internet through NAT", who, name, iface);
        }
        return isolated;
    }

    private Network inspectOrCreate(String name) {
        try {
            return docker.inspectNetworkCmd().withNetworkId(name).exec();
        } catch (NotFoundException absent) {
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                        .withOptions(options(name)).withLabels(Map.of(LABEL, "isolated")).exec();
                log.info("created Docker network {}", name);
            } catch (ConflictException createdMeanwhile) {
                // another runner on this machine created it first: use theirs
            } catch (DockerException e) {
                throw new IllegalStateException("could not create the Docker network " + name + ": " + e.getMessage(), e);
            }
            return docker.inspectNetworkCmd().withNetworkId(name).exec();
        }
    }

    static Map<String, String> options(String name) {
        return name.length() <= MAX_INTERFACE_NAME && name.matches("[A-Za-z0-9_.-]+")
                ? Map.of(ICC, "false", BRIDGE_NAME, name)
                : Map.of(ICC, "false");
    }
}

package dev.slipway.e2e.cluster;

import dev.slipway.db.testing.PostgresServer;
import dev.slipway.e2e.Api;
import dev.slipway.e2e.SlipwayStack;
import dev.slipway.protocol.blob.S3MockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Slipway on "several machines", each piece a process of its own with its own data directory and nothing shared on
 * disk: one PostgreSQL server (Debian's), one S3 server, two control planes behind a load balancer, two runners and
 * two edges, configured the way docs/administration/several-machines.md tells an operator to.
 */
public final class Cluster implements AutoCloseable {

    static final String BUCKET = "slipway-artifacts";
    public static final String ADMIN_EMAIL = "owner@example.com";
    public static final String ADMIN_PASSWORD = "cluster-owner-password-1";

    public final PostgresServer postgres;
    public final S3MockServer s3;
    public final RoleProcess controlPlaneA;
    public final RoleProcess controlPlaneB;
    public final int portA;
    public final int portB;
    public final TcpBalancer balancer;
    public final List<RoleProcess> runners = new ArrayList<>();
    public final List<RoleProcess> edges = new ArrayList<>();
    public final List<Integer> edgePorts = new ArrayList<>();
    public final String bootstrapToken = "cluster-" + UUID.randomUUID();
    private final Map<String, String> controlPlaneEnvironment = new HashMap<>();

    private Cluster(Path root) throws Exception {
        postgres = PostgresServer.start(root.resolve("postgres"));
        s3 = S3MockServer.start(BUCKET);
        String runnerToken = "runner-" + UUID.randomUUID();
        String edgeToken = "edge-" + UUID.randomUUID();
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        portA = SlipwayStack.freePort();
        portB = SlipwayStack.freePort();
        int balancerPort = SlipwayStack.freePort();
        edgePorts.add(SlipwayStack.freePort());
        edgePorts.add(SlipwayStack.freePort());

        controlPlaneEnvironment.putAll(Map.of(
                "SLIPWAY_DATABASE_URL", postgres.jdbcUrl(),
                "SLIPWAY_DATABASE_USER", postgres.user(),
                "SLIPWAY_DATABASE_PASSWORD", postgres.password(),
                "SLIPWAY_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey),
                "SLIPWAY_RUNNER_TOKEN", runnerToken,
                "SLIPWAY_EDGE_TOKEN", edgeToken,
                "SLIPWAY_BOOTSTRAP_TOKEN", bootstrapToken,
                "SLIPWAY_PUBLIC_URL", "http://127.0.0.1:" + balancerPort,
                "SLIPWAY_EDGE_PORT", Integer.toString(edgePorts.get(0)),
                "SLIPWAY_ALLOW_FILE_REPOS", "true"));
        controlPlaneEnvironment.putAll(Map.of(
                "SLIPWAY_ADMIN_EMAIL", ADMIN_EMAIL,
                "SLIPWAY_ADMIN_PASSWORD", ADMIN_PASSWORD));
        controlPlaneEnvironment.putAll(storeEnvironment());

        // A first: two control planes creating the first owner at the same instant is a race of its own
        controlPlaneA = controlPlane("control-plane-a", root, portA);
        controlPlaneB = controlPlane("control-plane-b", root, portB);
        balancer = TcpBalancer.start(balancerPort, List.of(portA, portB));

        for (int i = 0; i < 2; i++) {
            int computePort = SlipwayStack.freePort();
            runners.add(RoleProcess.start("runner-" + (i + 1), "runner", root.resolve("runner-" + (i + 1)), Map.of(
                    "SLIPWAY_CONTROL_PLANE_URL", balancer.url(),
                    "SLIPWAY_RUNNER_TOKEN", runnerToken,
                    "SLIPWAY_ALLOW_FILE_REPOS", "true",
                    "SLIPWAY_COMPUTE_PORT", Integer.toString(computePort)),
                    "http://127.0.0.1:" + computePort + "/_slipway/compute/health"));
            int edgePort = edgePorts.get(i);
            edges.add(RoleProcess.start("edge-" + (i + 1), "edge", root.resolve("edge-" + (i + 1)), Map.of(
                    "SLIPWAY_CONTROL_PLANE_URL", balancer.url(),
                    "SLIPWAY_EDGE_TOKEN", edgeToken,
                    "SLIPWAY_EDGE_PORT", Integer.toString(edgePort),
                    "SLIPWAY_EDGE_HTTPS_PORT", Integer.toString(SlipwayStack.freePort())),
                    "http://127.0.0.1:" + edgePort + "/_slipway/health"));
        }
    }

    public static Cluster start(Path root) throws Exception {
        return new Cluster(root);
    }

    private Map<String, String> storeEnvironment() {
        return Map.of(
                "SLIPWAY_BLOB_STORE", "s3://" + BUCKET + "/cluster",
                "SLIPWAY_S3_ENDPOINT", s3.endpoint(),
                "SLIPWAY_S3_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "slipway",
                "AWS_SECRET_ACCESS_KEY", "slipway-secret");
    }

    private RoleProcess controlPlane(String name, Path root, int port) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(controlPlaneEnvironment);
        environment.put("SLIPWAY_API_PORT", Integer.toString(port));
        return RoleProcess.start(name, "control-plane", root.resolve(name), environment, healthOf(port));
    }

    public static String healthOf(int apiPort) {
        return "http://127.0.0.1:" + apiPort + "/actuator/health";
    }

    public Api apiA() {
        return new Api("http://127.0.0.1:" + portA, bootstrapToken);
    }

    public Api apiB() {
        return new Api("http://127.0.0.1:" + portB, bootstrapToken);
    }

    public String edgeUrl(int index) {
        return "http://127.0.0.1:" + edgePorts.get(index);
    }

    public String logs() {
        StringBuilder all = new StringBuilder();
        for (RoleProcess role : List.of(controlPlaneA, controlPlaneB)) {
            all.append("\n--- ").append(role.name).append(" ---\n").append(role.logTail(40));
        }
        for (RoleProcess role : runners) {
            all.append("\n--- ").append(role.name).append(" ---\n").append(role.logTail(40));
        }
        for (RoleProcess role : edges) {
            all.append("\n--- ").append(role.name).append(" ---\n").append(role.logTail(20));
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        for (RoleProcess role : edges) {
            role.close();
        }
        for (RoleProcess role : runners) {
            role.close();
        }
        controlPlaneA.close();
        controlPlaneB.close();
        balancer.close();
        s3.close();
        postgres.close();
    }
}

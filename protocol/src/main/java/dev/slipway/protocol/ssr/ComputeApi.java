package dev.slipway.protocol.ssr;

/**
 * Paths and headers between edges, compute hosts and the control plane for SSR deployments.
 *
 * <p>Edges proxy a compute request to a compute host (chosen from {@code RouteSnapshot.computeHosts()}) unchanged
 * (method, path, query, body, {@code Host}, plus {@code X-Forwarded-*}) with {@link #DEPLOYMENT_HEADER} and
 * {@link #MANIFEST_HEADER} saying which deployment answers; the compute host strips them before the request reaches
 * user code. Compute host to control plane calls carry the runner token like the runner protocol.
 */
public final class ComputeApi {
    public static final String DEPLOYMENT_HEADER = "X-Slipway-Deployment";
    public static final String MANIFEST_HEADER = "X-Slipway-Manifest";
    /** POST {@link ComputeHeartbeat}: 204. Hosts unseen for a while leave the snapshot. */
    public static final String HEARTBEAT = "/runner/v1/compute/heartbeat";
    /** GET: 200 {@link ComputeRuntime}, 404 for an unknown deployment. */
    public static final String DEPLOYMENT = "/runner/v1/compute/deployments/{deploymentId}";
    /** The compute host's own health, on its proxy port. */
    public static final String HEALTH = "/_slipway/compute/health";

    private ComputeApi() {
    }

    public static String deploymentPath(String deploymentId) {
        return DEPLOYMENT.replace("{deploymentId}", deploymentId);
    }
}

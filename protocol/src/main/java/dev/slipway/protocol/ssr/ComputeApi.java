package dev.slipway.protocol.ssr;

/**
 * Paths and headers between edges, compute hosts and the control plane for SSR deployments.
 *
 * <p>An edge asks the compute host of a deployment (chosen from {@code RouteSnapshot.computeHosts()}) where the
 * deployment's app answers ({@link #INSTANCE}: the host starts it when needed) and then proxies compute requests
 * straight to that address, unchanged (method, path, query, body, {@code Host}, plus {@code X-Forwarded-*}). Once a
 * second it reports which deployments it used ({@link #ACTIVITY}), which is what keeps an instance from counting as
 * idle. The compute host's port also proxies a request itself when it carries {@link #DEPLOYMENT_HEADER} (and
 * {@link #MANIFEST_HEADER}), which it strips before the request reaches user code. Compute host to control plane
 * calls carry the runner token like the runner protocol.
 */
public final class ComputeApi {
    public static final String DEPLOYMENT_HEADER = "X-Slipway-Deployment";
    public static final String MANIFEST_HEADER = "X-Slipway-Manifest";
    /** POST {@link ComputeHeartbeat}: 204. Hosts unseen for a while leave the snapshot. */
    public static final String HEARTBEAT = "/runner/v1/compute/heartbeat";
    /** GET: 200 {@link ComputeRuntime}, 404 for an unknown deployment. */
    public static final String DEPLOYMENT = "/runner/v1/compute/deployments/{deploymentId}";
    /**
     * GET {@code ?deployment=<id>&manifest=<hash>[&failed=<containerId>]} on a compute host: 200
     * {@link ComputeInstanceAddress} once the instance runs (started when needed; {@code failed} names an instance
     * whose address refused a connection, to be checked and replaced); otherwise the status and text of the reason,
     * with {@code Retry-After} when retrying may help.
     */
    public static final String INSTANCE = "/_slipway/compute/instance";
    /** POST {@link ComputeActivity.Report} on a compute host: 200 {@link ComputeActivity.Answer}. */
    public static final String ACTIVITY = "/_slipway/compute/activity";
    /** The compute host's own health, on its proxy port. */
    public static final String HEALTH = "/_slipway/compute/health";

    private ComputeApi() {
    }

    public static String deploymentPath(String deploymentId) {
        return DEPLOYMENT.replace("{deploymentId}", deploymentId);
    }
}

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
 *
 * <p>Trust: a compute host answers {@link #INSTANCE}, {@link #ACTIVITY} and forwarded requests only when they carry
 * {@link #ACCESS_KEY_HEADER} with the installation's compute access key, which the control plane hands to edges in
 * the route snapshot and to compute hosts in the heartbeat answer. Before the control plane lists a host for edges it
 * checks that a compute host holding the runner token answers at the announced URL ({@link #IDENTITY}).
 */
public final class ComputeApi {
    public static final String DEPLOYMENT_HEADER = "X-Slipway-Deployment";
    public static final String MANIFEST_HEADER = "X-Slipway-Manifest";
    /** The compute access key, on every edge call to a compute host; stripped before user code sees a request. */
    public static final String ACCESS_KEY_HEADER = "X-Slipway-Compute-Key";
    /**
     * GET {@code ?challenge=<nonce>} on a compute host: 200 with {@link #identityProof} of the nonce under the
     * host's runner token, so the control plane knows a real compute host answers at an announced URL.
     */
    public static final String IDENTITY = "/_slipway/compute/identity";
    /**
     * POST {@link ComputeHeartbeat}: 200 {@link ComputeHeartbeat.Answer}; 400 when no compute host proves itself at
     * the announced URL. Hosts unseen for a while leave the snapshot.
     */
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

    /** HMAC-SHA256 of {@code challenge} keyed with the runner token, hex: what {@link #IDENTITY} answers. */
    public static String identityProof(String runnerToken, String challenge) {
        return java.util.HexFormat.of().formatHex(dev.slipway.protocol.crypto.HmacSha256.of(
                runnerToken.getBytes(java.nio.charset.StandardCharsets.UTF_8), challenge));
    }

    /** Whether {@code presented} is {@code expected}, compared in constant time; null never matches. */
    public static boolean sameKey(String expected, String presented) {
        return expected != null && presented != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String deploymentPath(String deploymentId) {
        return DEPLOYMENT.replace("{deploymentId}", deploymentId);
    }
}

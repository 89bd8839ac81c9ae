package dev.slipway.protocol.ssr;

/**
 * Where a deployment's running app answers, as a compute host tells an edge ({@link ComputeApi#INSTANCE}).
 *
 * @param url         base URL of the app's own HTTP server, e.g. {@code http://127.0.0.1:32770}
 * @param containerId the instance behind it; an edge names it back when that address failed
 */
public record ComputeInstanceAddress(String url, String containerId) {
}

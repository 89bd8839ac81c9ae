package dev.slipway.protocol.edge;

/**
 * The route feed between the control plane and edge routers. Calls carry {@code Authorization: Bearer <edge token>}.
 */
public final class EdgeApi {
    /**
     * GET with {@code since=<version>} and {@code waitMillis=<n>}: 200 {@link RouteSnapshot} as soon as the route
     * version is greater than {@code since} (at once when it already is), or 304 after the wait.
     */
    public static final String ROUTES = "/edge/v1/routes";

    /**
     * GET: {@code text/plain}, the base64 key that opens the certificate keys in route snapshots, for edges started
     * without {@code SLIPWAY_TLS_KEY}. Every control plane of an installation answers the same key.
     */
    public static final String TLS_KEY = "/edge/v1/tls-key";

    /**
     * POST a {@link dev.slipway.protocol.accesslog.AccessLogBatch} as JSON, gzip-compressed
     * ({@code Content-Encoding: gzip}): 204 once stored; 413 above {@link dev.slipway.protocol.accesslog.AccessLogBatch#MAX_ENTRIES}.
     */
    public static final String ACCESS_LOGS = "/edge/v1/access-logs";

    private EdgeApi() {
    }
}

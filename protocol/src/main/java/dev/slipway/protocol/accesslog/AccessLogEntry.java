package dev.slipway.protocol.accesslog;

/**
 * One request an edge answered, as it ships to the control plane for access logs and the Monitoring page. Strings an
 * edge did not know are null (an unknown host has no app). Times are UTC.
 *
 * @param epochMillis    when the request arrived
 * @param requestId      unique per request (the edge's instance id and a counter), CloudFront's x-edge-request-id
 * @param host           the Host header without port
 * @param appId          the app the host belongs to, or null
 * @param branch         the branch served, or null
 * @param deploymentId   the deployment served, or null (redirects, refusals, unknown hosts)
 * @param method         the HTTP method
 * @param path           the path, without query
 * @param query          the raw query without '?', or null
 * @param status         the status code sent
 * @param bytesSent      body bytes sent
 * @param durationMicros from the request's arrival to the last byte written
 * @param clientAddress  the client as the firewall sees it (trusted proxies resolved)
 * @param clientPort     the TCP peer's port
 * @param userAgent      the User-Agent header, or null
 * @param referer        the Referer header, or null
 * @param scheme         http or https
 * @param protocolVersion HTTP/1.1, HTTP/2.0
 * @param result         how it was answered: {@code Hit} (edge cache), {@code Miss} (read from the blob store),
 *                       {@code Compute} (SSR), {@code Redirect}, {@code Blocked}, {@code Error}
 * @param blockedReason  why the firewall or access control refused it ({@code ip}, {@code country},
 *                       {@code rate-limit}, {@code auth}), or null
 * @param contentType    the Content-Type sent, or null
 */
public record AccessLogEntry(long epochMillis, String requestId, String host, String appId, String branch,
                             String deploymentId, String method, String path, String query, int status,
                             long bytesSent, long durationMicros, String clientAddress, int clientPort,
                             String userAgent, String referer, String scheme, String protocolVersion,
                             String result, String blockedReason, String contentType) {
}

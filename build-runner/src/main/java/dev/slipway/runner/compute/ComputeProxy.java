package dev.slipway.runner.compute;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.slipway.protocol.ssr.ComputeApi;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.ConnectionProvider;

/**
 * The front of the compute host: takes a request an edge forwarded with {@link ComputeApi#DEPLOYMENT_HEADER}, makes
 * sure the deployment's instance runs, and streams the exchange to it and back (websocket upgrades included).
 * Waiting for a start blocks, so it happens on virtual threads, never on Netty's event loops.
 */
final class ComputeProxy {

    /** Deployment ids end up in container names and control plane URLs. */
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Logger log = LoggerFactory.getLogger(ComputeProxy.class);

    private final ComputeInstances instances;
    private final String instanceAddress;
    private final Supplier<String> health;
    private final Supplier<String> accessKey;
    private final java.util.function.UnaryOperator<String> identity;
    private final InstanceDirectory directory;
    private final Scheduler blocking = Schedulers.fromExecutorService(Executors.newVirtualThreadPerTaskExecutor(),
            "compute-wait");
    private final HttpClient client = HttpClient.create(ConnectionProvider.builder("compute-apps")
            .maxConnections(1024).pendingAcquireMaxCount(-1).build());

    /** Signals that a request may go once more to the restarted instance. */
    private static final class RetryOnce extends RuntimeException {
        RetryOnce() {
            super(null, null, false, false);
        }
    }

    /**
     * @param instanceAddress where this process reaches the apps' published ports
     * @param advertisedUrl where edges reach this host, known once its port is bound
     * @param accessKey     what edges must present, null until the control plane handed it out
     * @param identity      the answer to the control plane's identity challenge
     */
    ComputeProxy(ComputeInstances instances, String instanceAddress, Supplier<String> health,
                 Supplier<String> advertisedUrl, Supplier<String> accessKey,
                 java.util.function.UnaryOperator<String> identity) {
        this.instances = instances;
        this.instanceAddress = instanceAddress;
        this.health = health;
        this.accessKey = accessKey;
        this.identity = identity;
        this.directory = new InstanceDirectory(instances, blocking, advertisedUrl);
    }

    static boolean isDeploymentId(String id) {
        return DEPLOYMENT_ID.matcher(id).matches();
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        HttpHeaders headers = request.requestHeaders();
        boolean get = request.method().equals(HttpMethod.GET);
        if (get && request.fullPath().equals(ComputeApi.IDENTITY)) {
            String challenge = new io.netty.handler.codec.http.QueryStringDecoder(request.uri()).parameters()
                    .getOrDefault("challenge", java.util.List.of("")).get(0);
            return write(response, HttpResponseStatus.OK, "text/plain", identity.apply(challenge));
        }
        boolean fromEdge = ComputeApi.sameKey(accessKey.get(), headers.get(ComputeApi.ACCESS_KEY_HEADER));
        if (get && request.fullPath().equals(ComputeApi.HEALTH)) {
            // which deployments run here is for edges only; anyone may see that the host is up
            return write(response, HttpResponseStatus.OK, "application/json",
                    fromEdge ? health.get() : "{\"status\":\"UP\"}");
        }
        if (!fromEdge) {
            return problem(response, new ComputeUnavailable(accessKey.get() == null ? 503 : 403,
                    accessKey.get() == null ? "this compute host has not been accepted by the control plane yet"
                            : "only Slipway edges may call this port (" + ComputeApi.ACCESS_KEY_HEADER + ")"));
        }
        String deploymentId = headers.get(ComputeApi.DEPLOYMENT_HEADER);
        if (deploymentId == null) {
            if (InstanceDirectory.handles(request)) {
                return directory.answer(request)
                        .flatMap(json -> write(response, HttpResponseStatus.OK, "application/json", json))
                        .onErrorResume(e -> problem(response, e instanceof ComputeUnavailable unavailable ? unavailable
                                : new ComputeUnavailable(500, "the compute host failed: " + e)));
            }
            return problem(response, new ComputeUnavailable(400, "missing " + ComputeApi.DEPLOYMENT_HEADER
                    + " header: this port only serves requests forwarded by a Slipway edge"));
        }
        if (!isDeploymentId(deploymentId)) {
            return problem(response, new ComputeUnavailable(400, "malformed " + ComputeApi.DEPLOYMENT_HEADER));
        }
        String manifestHash = headers.get(ComputeApi.MANIFEST_HEADER);
        Mono<Void> exchange = headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                ? websocket(request, response, deploymentId, manifestHash)
                : proxy(request, response, deploymentId, manifestHash, true);
        return exchange.onErrorResume(e -> !response.hasSentHeaders(), e -> e instanceof ComputeUnavailable unavailable
                ? problem(response, unavailable)
                : problem(response, new ComputeUnavailable(502, "the app failed: " + e)));
    }

    private Mono<InstanceLease> acquire(String deploymentId, String manifestHash) {
        return Mono.fromCallable(() -> instances.acquire(deploymentId, manifestHash)).subscribeOn(blocking);
    }

    private Mono<Void> proxy(HttpServerRequest request, HttpServerResponse response, String deploymentId,
                             String manifestHash, boolean mayRetry) {
        HttpHeaders headers = ForwardedHeaders.toApp(request.requestHeaders());
        boolean hasBody = hasBody(request.requestHeaders());
        return acquire(deploymentId, manifestHash).flatMap(lease -> client
                .headers(h -> h.set(headers))
                .request(request.method())
                .uri("http://" + instanceAddress + ":" + lease.port() + request.uri())
                .send((appRequest, out) -> hasBody ? out.send(request.receive().retain()) : out)
                .response((appResponse, body) -> {
                    response.status(appResponse.status()).headers(ForwardedHeaders.fromApp(appResponse.responseHeaders()));
                    return response.send(body.retain());
                })
                .then()
                .onErrorResume(e -> !response.hasSentHeaders(), e -> failedBeforeAnswer(lease, e, mayRetry && !hasBody))
                .doFinally(signal -> lease.release()))
                .onErrorResume(RetryOnce.class, retry -> proxy(request, response, deploymentId, manifestHash, false));
    }

    /** HTTP/1.1 framing: a request has a body only with a positive Content-Length or a Transfer-Encoding. */
    private static boolean hasBody(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return true;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && !length.trim().equals("0");
    }

    /**
     * The app closed or refused the connection before answering. If its container had already stopped when the
     * request was sent (a crash nobody had noticed yet), a request without a body goes once more to the restarted
     * instance; a request that may itself have crashed the app is never repeated.
     */
    private Mono<Void> failedBeforeAnswer(InstanceLease lease, Throwable error, boolean retryable) {
        return Mono.fromCallable(() -> instances.requestFailed(lease)).subscribeOn(blocking).flatMap(crashedBefore -> {
            if (crashedBefore && retryable) {
                return Mono.error(new RetryOnce());
            }
            log.debug("request to deployment {} failed: {}", lease.instance.deploymentId, error.toString());
            return Mono.error(new ComputeUnavailable(502, "the app of deployment " + lease.instance.deploymentId
                    + " closed the connection without answering" + (crashedBefore ? "" : " (" + error.getMessage() + ")")));
        });
    }

    /** Frames pass through unchanged in both directions; the exchange ends when either side closes. */
    private Mono<Void> websocket(HttpServerRequest request, HttpServerResponse response, String deploymentId,
                                 String manifestHash) {
        HttpHeaders headers = ForwardedHeaders.toAppWebsocket(request.requestHeaders());
        String protocols = request.requestHeaders().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        return acquire(deploymentId, manifestHash).flatMap(lease -> Mono.from(response.sendWebsocket(
                (visitorIn, visitorOut) -> client
                        .headers(h -> h.set(headers))
                        .websocket(clientSpec(protocols))
                        .uri("ws://" + instanceAddress + ":" + lease.port() + request.uri())
                        .handle((appIn, appOut) -> Mono.firstWithSignal(
                                appOut.sendObject(visitorIn.receiveFrames().map(WebSocketFrame::retain)).then(),
                                visitorOut.sendObject(appIn.receiveFrames().map(WebSocketFrame::retain)).then()))
                        .then(),
                serverSpec(protocols)))
                .doFinally(signal -> lease.release()));
    }

    /**
     * Pings pass through to the other side instead of being answered here, so both ends see each other's liveness.
     * Subprotocols are offered to the app as the visitor offered them; the visitor is answered with its first choice.
     */
    private static WebsocketClientSpec clientSpec(String protocols) {
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder().handlePing(true);
        return (protocols == null ? spec : spec.protocols(protocols)).build();
    }

    private static WebsocketServerSpec serverSpec(String protocols) {
        WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().handlePing(true);
        return (protocols == null ? spec : spec.protocols(protocols)).build();
    }

    private static Mono<Void> problem(HttpServerResponse response, ComputeUnavailable problem) {
        if (problem.retryAfterSeconds() > 0) {
            response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
        }
        return write(response, HttpResponseStatus.valueOf(problem.status()), "text/plain; charset=utf-8",
                problem.getMessage() + "\n");
    }

    private static Mono<Void> write(HttpServerResponse response, HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, type)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendObject(Unpooled.wrappedBuffer(bytes)).then();
    }

    void close() {
        blocking.dispose();
    }
}

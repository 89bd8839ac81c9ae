package dev.slipway.edge.serve;

import dev.slipway.edge.site.Access;
import dev.slipway.edge.site.Plan;
import dev.slipway.edge.site.Planner;
import dev.slipway.edge.site.ServedFile;
import dev.slipway.edge.site.Site;
import dev.slipway.protocol.blob.BlobStore;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.RejectedExecutionException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers a request for a deployed site with plain Reactor Netty: basic auth (throttled; a header not seen before is
 * verified on a worker thread, see {@link Access}), then the {@link Planner} (rules, then
 * the file), then precomputed headers plus the deployment's custom headers, then the body in the representation the
 * client asked for: 304, a single range (206/416), a precompressed {@code .br}/{@code .gz} sibling, gzip made here for
 * text, or the bytes as stored.
 *
 * <p>Runs on the event loop; blocking reads happen in {@link BodyWriter} on {@code boundedElastic}.
 */
final class StaticResponder {

    /** Runs the slow password hash: few threads, as it is CPU work; a bounded queue, as guessing must not pile up. */
    private static final Scheduler VERIFIER = Schedulers.newBoundedElastic(2, 256, "basic-auth", 60, true);

    private final BodyWriter body;
    private final AuthThrottle throttle;
    private final GatewayHandOff gateway;

    StaticResponder(BlobStore blobs, BlobCache cache, AuthThrottle throttle, GatewayHandOff gateway) {
        this.body = new BodyWriter(blobs, cache);
        this.throttle = throttle;
        this.gateway = gateway;
    }

    Publisher<Void> respond(HttpServerRequest request, HttpServerResponse response, Site site, String host) {
        if (site.route().basicAuth() == null) {
            return answer(request, response, site, host, false);
        }
        boolean head = HttpMethod.HEAD.equals(request.method());
        String client = AuthThrottle.client(request);
        String appId = site.route().appId();
        if (throttle.isBlocked(appId, client)) {
            response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(AuthThrottle.WINDOW.toSeconds()));
            return PlainResponses.text(response, HttpResponseStatus.TOO_MANY_REQUESTS,
                    "Too many failed sign-ins; try again later\n", head);
        }
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        Boolean known = Access.allowedNow(site, authorization);
        if (known != null) {
            return known ? answer(request, response, site, host, false)
                    : refuse(response, appId, client, host, authorization, head);
        }
        // a header not seen before: the slow hash runs on a worker, never on the event loop
        return Mono.fromCallable(() -> Access.verify(site, authorization))
                .subscribeOn(VERIFIER)
                .flatMap(ok -> Mono.from(ok ? answer(request, response, site, host, true)
                        : refuse(response, appId, client, host, authorization, head)))
                .onErrorResume(RejectedExecutionException.class, busy -> Mono.from(PlainResponses.text(response,
                        HttpResponseStatus.SERVICE_UNAVAILABLE, "Too many sign-ins at once; retry\n", head)));
    }

    /**
     * After access control: the method, then the {@link Planner}.
     *
     * @param verifiedNow whether the credentials were verified for this very request: the routing predicate did not
     *                    know them yet, so a request the Gateway must answer was routed here and is handed on to it
     */
    private Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response, Site site, String host,
            boolean verifiedNow) {
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        String country = StaticFastPath.country(request);
        if (verifiedNow && Planner.needsGateway(site, host, request.uri(), country)) {
            return gateway.handle(request, response);
        }
        if (!head && !HttpMethod.GET.equals(method)) {
            response.header(HttpHeaderNames.ALLOW, "GET, HEAD");
            return PlainResponses.text(response, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed\n", false);
        }
        return switch (Planner.plan(site, host, request.uri(), country)) {
            case Plan.Serve serve -> serve(request, response, site, serve, head);
            case Plan.Redirect redirect -> response.status(redirect.status())
                    .header(HttpHeaderNames.LOCATION, redirect.location())
                    .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                    .send();
            case Plan.NotFound notFound -> PlainResponses.text(response, HttpResponseStatus.NOT_FOUND, "Not found\n", head);
            case Plan.BadRequest bad ->
                    PlainResponses.text(response, HttpResponseStatus.BAD_REQUEST, "Bad request: " + bad.reason() + "\n", head);
            // the fast path's predicate hands these to the Gateway; reaching here means the rules changed in between
            case Plan.Proxy proxy -> routedMeanwhile(response, head);
            case Plan.Compute compute -> routedMeanwhile(response, head);
        };
    }

    private static Publisher<Void> routedMeanwhile(HttpServerResponse response, boolean head) {
        return PlainResponses.text(response, HttpResponseStatus.SERVICE_UNAVAILABLE,
                "Rules changed while this request was routed; retry\n", head);
    }

    /** 401; a wrong password (not a missing one: the browser's first request) counts towards the throttle. */
    private Publisher<Void> refuse(HttpServerResponse response, String appId, String client, String host,
            String authorization, boolean head) {
        if (authorization != null) {
            throttle.failed(appId, client);
        }
        response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + host + "\", charset=\"UTF-8\"");
        return PlainResponses.text(response, HttpResponseStatus.UNAUTHORIZED, "Authentication required\n", head);
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response, Site site, Plan.Serve plan,
            boolean head) {
        ServeChoice choice = ServeChoice.of(site, plan, request.requestHeaders());
        response.headers(choice.headers());
        if (choice.notModified()) {
            return response.status(HttpResponseStatus.NOT_MODIFIED).send();
        }
        ServedFile file = plan.file();
        if (choice.range() != null) {
            return range(response, file, ByteRanges.parse(choice.range(), file.size()), head);
        }
        if (choice.encoding() == Encoding.GZIP_HERE) {
            return body.writeGzip(response, file, choice.status(), head);
        }
        return head ? response.status(choice.status()).send()
                : body.write(response, choice.representation(), choice.status(), null);
    }

    private Publisher<Void> range(HttpServerResponse response, ServedFile file, ByteRanges.Range range, boolean head) {
        if (range == ByteRanges.UNSATISFIABLE) {
            response.responseHeaders().remove(HttpHeaderNames.CONTENT_TYPE);
            return response.status(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaderNames.CONTENT_RANGE, "bytes */" + file.size())
                    .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                    .send();
        }
        if (range == null) {
            return head ? response.status(HttpResponseStatus.OK).send()
                    : body.write(response, file, HttpResponseStatus.OK, null);
        }
        response.header(HttpHeaderNames.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + file.size())
                .header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(range.length()));
        return head ? response.status(HttpResponseStatus.PARTIAL_CONTENT).send()
                : body.write(response, file, HttpResponseStatus.PARTIAL_CONTENT, range);
    }
}

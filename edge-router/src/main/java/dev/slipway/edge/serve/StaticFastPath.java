package dev.slipway.edge.serve;

import dev.slipway.edge.feed.Routes;
import dev.slipway.edge.firewall.Firewalls;
import dev.slipway.edge.firewall.Verdict;
import dev.slipway.edge.observe.Observation;
import dev.slipway.edge.observe.RequestObservations;
import dev.slipway.edge.observe.Result;
import dev.slipway.edge.protection.Protections;
import dev.slipway.edge.site.Access;
import dev.slipway.edge.site.Planner;
import dev.slipway.edge.site.RoutingTable;
import dev.slipway.edge.site.Site;
import dev.slipway.edge.skew.SkewPins;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.edge.AcmeChallengeRoute;
import dev.slipway.protocol.naming.HostNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.IntSupplier;
import org.reactivestreams.Publisher;
import java.util.function.Supplier;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.server.reactive.HttpHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The Reactor Netty route placed in front of Spring's handler (stack-notes §5): requests for a host in the current
 * routing table, and the edge's own {@code /_slipway/} endpoints, are answered here without WebFlux or Gateway;
 * every other request falls through to Spring: the Gateway proxies 200 rewrites to other origins and SSR compute
 * routes (the predicate asks the {@link Planner}, which costs nothing for static apps without proxy rules).
 *
 * <p>The predicate and the handler each read the routing table; if a snapshot swap removes the host in between, the
 * handler answers 404 like the fallback would.
 */
public final class StaticFastPath implements NettyRouteProvider {

    /** Paths under this prefix belong to the edge itself, on every host. */
    public static final String RESERVED_PREFIX = "/_slipway/";
    static final String HEALTH = RESERVED_PREFIX + "health";

    private final Routes routes;
    private final Firewalls firewalls;
    private final Protections protections;
    private final StaticResponder responder;
    private final AuthThrottle throttle = new AuthThrottle();
    /** Where visitors reach HTTPS, for redirects; negative while the edge serves no HTTPS. */
    private final IntSupplier httpsPublicPort;
    private final RequestObservations observations;

    /**
     * @param gateway Spring's handler (the Gateway), for a request that turns out to be the Gateway's only once its
     *                basic-auth credentials were verified
     */
    public StaticFastPath(Routes routes, Firewalls firewalls, Protections protections, BlobStore blobs,
            BlobCache cache, IntSupplier httpsPublicPort, Supplier<HttpHandler> gateway,
            RequestObservations observations) {
        this.observations = observations;
        this.routes = routes;
        this.firewalls = firewalls;
        this.protections = protections;
        this.responder = new StaticResponder(blobs, cache, throttle, new GatewayHandOff(gateway));
        this.httpsPublicPort = httpsPublicPort;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes serverRoutes) {
        return serverRoutes.route(this::matches, this::observed);
    }

    /** What {@link #handle} found out about a request, for its observation once the answer is sent. */
    static final class Outcome {
        Site site;
        Verdict verdict;
    }

    /** {@link #handle}, recorded once its answer is written, unless it is the edge's own or handed to the Gateway. */
    private Publisher<Void> observed(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        if (uri.startsWith(RESERVED_PREFIX) || uri.startsWith(AcmeChallengeRoute.PATH_PREFIX)) {
            return handle(request, response, new Outcome());
        }
        long start = System.nanoTime();
        long arrival = System.currentTimeMillis();
        Outcome outcome = new Outcome();
        return Mono.from(handle(request, response, outcome)).doFinally(signal -> {
            if (!GatewayHandOff.handedOff(request)) {
                observations.complete(observation(request, response, outcome, start, arrival));
            }
        });
    }

    private Observation observation(HttpServerRequest request, HttpServerResponse response, Outcome outcome,
            long start, long arrival) {
        int status = response.status().code();
        Site site = outcome.site;
        Result result;
        String reason = null;
        if (outcome.verdict != null) {
            result = Result.BLOCKED;
            reason = outcome.verdict.reason();
        } else if (site != null && site.route().basicAuth() != null && (status == 401 || status == 429)) {
            result = Result.BLOCKED;
            reason = "auth";
        } else if (status >= 500 || site == null && status != 301 && status != 308) {
            result = Result.ERROR;
        } else {
            result = status >= 300 && status < 400 && status != 304 ? Result.REDIRECT : Result.MISS;
        }
        HttpHeaders headers = request.requestHeaders();
        HttpHeaders sent = response.responseHeaders();
        long bytes = HttpMethod.HEAD.equals(request.method()) || status == 304 ? 0
                : sent.getInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return new Observation(System.nanoTime() - start, arrival, site, host(request), request.method().name(),
                request.uri(), request.version().text(), "https".equals(request.scheme()), request.remoteAddress(),
                headers.get(HttpHeaderNames.USER_AGENT), headers.get(HttpHeaderNames.REFERER),
                headers.get(Observation.FORWARDED_FOR), headers.get(observations.countryHeader()), status,
                bytes, sent.get(HttpHeaderNames.CONTENT_TYPE), result, reason);
    }

    boolean matches(HttpServerRequest request) {
        String uri = request.uri();
        if (RequestHosts.ambiguity(request.requestHeaders(), uri) != null) {
            // answered here, for every host and path: neither this path nor the Gateway may pick one of the hosts
            return true;
        }
        if (uri.startsWith(RESERVED_PREFIX)) {
            return isHealth(uri) || Protections.isCallback(uri);
        }
        if (uri.startsWith(AcmeChallengeRoute.PATH_PREFIX)) {
            return challenge(uri) != null;
        }
        return redirectsToHttps(request) || staticSite(request, uri, host(request)) != null;
    }

    /**
     * What plain-HTTP requests are answered under right now. For {@link CachedHits}, which plans a request itself and
     * answers only plans that serve a file, so requests the Gateway proxies never need a plan of their own here; two
     * equal scopes answer every request alike, which is what lets {@link ServeMemo} remember answers.
     */
    PlainHttpScope plainHttpScope() {
        return new PlainHttpScope(routes.current(), httpsPublicPort.getAsInt());
    }

    /**
     * @param table     the routing table
     * @param httpsPort where visitors reach HTTPS, negative while the edge serves none
     */
    record PlainHttpScope(RoutingTable table, int httpsPort) {

        /** The site of a plain-HTTP request, unless it is for the edge's own paths or its host redirects to HTTPS. */
        Site site(String uri, String host) {
            if (uri.startsWith(RESERVED_PREFIX) || uri.startsWith(AcmeChallengeRoute.PATH_PREFIX)
                    || redirectsToHttps(host)) {
                return null;
            }
            return table.site(host);
        }

        /** Once a host has a certificate, plain HTTP only redirects (ACME challenges are answered before this). */
        boolean redirectsToHttps(String host) {
            return httpsPort > 0 && table.certificate(host) != null;
        }
    }

    private Site staticSite(HttpServerRequest request, String uri, String host) {
        HttpHeaders headers = request.requestHeaders();
        Site site = SkewPins.choose(routes.current().site(host), headers, uri);
        // a visitor without the password, or throttled, gets the 401 or 429 from here, never a proxied answer (else a
        // throttled client could go on guessing on a site with SSR or proxy rules and learn the right password)
        // a visitor the firewall denies gets the 403 from here too (its rate limits are counted where it is answered)
        boolean proxied = site != null && site.mayLeaveFastPath()
                && firewalls.screen(site.route().appId(), request.remoteAddress(), headers::get).allowed()
                && protections.allowed(site, uri, headers::get)
                && (site.route().basicAuth() == null
                    || !throttle.isBlocked(site.route().appId(), AuthThrottle.client(request))
                    && Access.allowed(site, headers.get(HttpHeaderNames.AUTHORIZATION)))
                && Planner.needsGateway(site, host, uri, headers.get(Planner.VIEWER_COUNTRY_HEADER));
        return proxied ? null : site;
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, Outcome outcome) {
        String ambiguity = RequestHosts.ambiguity(request.requestHeaders(), request.uri());
        if (ambiguity != null) {
            response.header(HttpHeaderNames.CONNECTION, "close");
            return PlainResponses.text(response, HttpResponseStatus.BAD_REQUEST, "Bad request: " + ambiguity + "\n",
                    HttpMethod.HEAD.equals(request.method()));
        }
        if (isHealth(request.uri())) {
            boolean head = HttpMethod.HEAD.equals(request.method());
            return PlainResponses.json(response,
                    "{\"status\":\"UP\",\"routeVersion\":" + routes.version() + "}", head);
        }
        if (request.uri().startsWith(AcmeChallengeRoute.PATH_PREFIX)) {
            String answer = challenge(request.uri());
            if (answer != null) {
                return PlainResponses.text(response, HttpResponseStatus.OK, answer, false);
            }
        }
        if (redirectsToHttps(request)) {
            int port = httpsPublicPort.getAsInt();
            return PlainResponses.redirect(response,
                    "https://" + host(request) + (port == 443 ? "" : ":" + port) + request.uri());
        }
        Site site = site(request);
        outcome.site = site;
        if (site == null) {
            return PlainResponses.text(response, HttpResponseStatus.NOT_FOUND,
                    "No site is deployed at " + host(request) + "\n",
                    false);
        }
        Verdict verdict = firewalls.check(site.route().appId(), request.remoteAddress(),
                request.requestHeaders()::get, request.uri());
        if (!verdict.allowed()) {
            outcome.verdict = verdict;
            return refuse(response, verdict, HttpMethod.HEAD.equals(request.method()));
        }
        if (site.route().protection() != null || Protections.isCallback(request.uri())) {
            Protections.Gate gate = protections.gate(site, request.uri(), request.requestHeaders()::get,
                    "https".equals(request.scheme()));
            if (gate != null) {
                return PlainResponses.gate(response, gate, HttpMethod.HEAD.equals(request.method()));
            }
        }
        return responder.respond(request, response, site, host(request));
    }

    private static Publisher<Void> refuse(HttpServerResponse response, Verdict verdict, boolean head) {
        if (verdict.retryAfterSeconds() > 0) {
            response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
        }
        return PlainResponses.text(response, HttpResponseStatus.valueOf(verdict.status()), verdict.body(), head);
    }

    private boolean redirectsToHttps(HttpServerRequest request) {
        return !"https".equals(request.scheme()) && plainHttpScope().redirectsToHttps(host(request));
    }

    private String challenge(String uri) {
        String token = uri.substring(AcmeChallengeRoute.PATH_PREFIX.length());
        int query = token.indexOf('?');
        return routes.current().challenge(query >= 0 ? token.substring(0, query) : token);
    }

    private Site site(HttpServerRequest request) {
        return SkewPins.choose(routes.current().site(host(request)), request.requestHeaders(), request.uri());
    }

    static String country(HttpServerRequest request) {
        return request.requestHeaders().get(Planner.VIEWER_COUNTRY_HEADER);
    }

    private static String host(HttpServerRequest request) {
        return HostNames.normalizeHost(request.requestHeaders().get(HttpHeaderNames.HOST));
    }

    private static boolean isHealth(String uri) {
        return uri.equals(HEALTH) || uri.startsWith(HEALTH + "?");
    }
}

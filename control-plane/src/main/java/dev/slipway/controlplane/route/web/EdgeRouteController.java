package dev.slipway.controlplane.route.web;

import dev.slipway.controlplane.identity.Caller;
import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.routeversion.EdgeAcks;
import dev.slipway.controlplane.route.RouteFeed;
import dev.slipway.protocol.edge.EdgeApi;
import dev.slipway.protocol.edge.RouteSnapshot;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The edges' long-poll for routes (edge tokens only, see SecurityConfiguration). */
@RestController
@RoleExempt("edges prove themselves with the edge token (SecurityConfiguration)")
class EdgeRouteController {

    private static final long MAX_WAIT_MILLIS = 60_000;
    private static final java.util.regex.Pattern EDGE_ID = java.util.regex.Pattern.compile("[0-9a-zA-Z-]{1,64}");

    private final RouteFeed routes;
    private final EdgeAcks acks;

    EdgeRouteController(RouteFeed routes, EdgeAcks acks) {
        this.routes = routes;
        this.acks = acks;
    }

    @GetMapping(EdgeApi.ROUTES)
    ResponseEntity<RouteSnapshot> routes(@RequestParam(defaultValue = "0") long since,
            @RequestParam(defaultValue = "30000") long waitMillis,
            @RequestParam(required = false) String edge,
            HttpServletRequest request) throws InterruptedException {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        String token = caller == null ? "edge" : caller.name();
        // the version an edge asks "since" is the one it serves: that is how domains know their certificate is out.
        // Edges sharing a token name themselves (older edges do not: they count as one)
        acks.reported(edge != null && EDGE_ID.matcher(edge).matches() ? token + "/" + edge : token, since);
        Duration wait = Duration.ofMillis(Math.clamp(waitMillis, 0, MAX_WAIT_MILLIS));
        return routes.awaitNewerThan(since, wait)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_MODIFIED).build());
    }
}

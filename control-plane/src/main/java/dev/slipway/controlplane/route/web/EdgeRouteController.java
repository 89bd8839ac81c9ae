package dev.slipway.controlplane.route.web;

import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.route.RouteFeed;
import dev.slipway.protocol.edge.EdgeApi;
import dev.slipway.protocol.edge.RouteSnapshot;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The edges' long-poll for routes (edge tokens only, see TokenAuthenticationFilter). */
@RestController
@RoleExempt("edges prove themselves with the edge token (TokenAuthenticationFilter)")
class EdgeRouteController {

    private static final long MAX_WAIT_MILLIS = 60_000;

    private final RouteFeed routes;

    EdgeRouteController(RouteFeed routes) {
        this.routes = routes;
    }

    @GetMapping(EdgeApi.ROUTES)
    ResponseEntity<RouteSnapshot> routes(@RequestParam(defaultValue = "0") long since,
            @RequestParam(defaultValue = "30000") long waitMillis) throws InterruptedException {
        Duration wait = Duration.ofMillis(Math.clamp(waitMillis, 0, MAX_WAIT_MILLIS));
        return routes.awaitNewerThan(since, wait)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_MODIFIED).build());
    }
}

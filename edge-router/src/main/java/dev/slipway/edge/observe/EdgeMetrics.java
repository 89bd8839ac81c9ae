package dev.slipway.edge.observe;

import dev.slipway.edge.site.RoutingTable;
import dev.slipway.edge.site.Site;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The edge's Prometheus meters (docs/administration/monitoring.md). Per-request work is a few {@link LongAdder}
 * increments and one timer record: the counters of each app and branch live in a {@link SiteMeters} that requests
 * find by their {@link Site} object in an identity map rebuilt whenever a routing table is put in force, so the request
 * path never builds tags or looks meters up by name.
 */
public final class EdgeMetrics {

    static final String[] STATUS_CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final String NONE = "";

    private final MeterRegistry registry;
    private final Map<String, SiteMeters> byAppBranch = new ConcurrentHashMap<>();
    private volatile Map<Site, SiteMeters> bySite = Map.of();
    private final SiteMeters unknownHost;
    private final Timer[] durations = new Timer[Result.values().length];
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder blockedIp = new LongAdder();
    private final LongAdder blockedCountry = new LongAdder();
    private final LongAdder blockedRate = new LongAdder();
    private final LongAdder blockedAuth = new LongAdder();
    private final Counter coldStarts;

    public EdgeMetrics(MeterRegistry registry, LongSupplier routeVersion, LongSupplier routeConfirmedAtMillis) {
        this.registry = registry;
        this.unknownHost = meters(NONE, NONE);
        for (Result result : Result.values()) {
            durations[result.ordinal()] = Timer.builder("slipway.edge.request")
                    .description("Time from a request's arrival to its last byte handed to the socket")
                    .tag("result", result.label())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry);
        }
        cache("hit", hits);
        cache("miss", misses);
        blocked("ip", blockedIp);
        blocked("country", blockedCountry);
        blocked("rate-limit", blockedRate);
        blocked("auth", blockedAuth);
        coldStarts = Counter.builder("slipway.edge.compute.cold.starts")
                .description("Compute instances this edge asked a compute host for (started unless already running)")
                .register(registry);
        Gauge.builder("slipway.edge.route.snapshot.version", routeVersion, LongSupplier::getAsLong)
                .description("Version of the route snapshot in force").strongReference(true).register(registry);
        Gauge.builder("slipway.edge.route.snapshot.age", routeConfirmedAtMillis,
                        at -> (System.currentTimeMillis() - at.getAsLong()) / 1000.0)
                .description("Seconds since the control plane last confirmed the snapshot in force as current")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    /** Counts one answered request. */
    void record(Observation observation) {
        SiteMeters meters = meters(observation.site());
        meters.statusClasses[observation.statusClass()].increment();
        meters.bytes.add(observation.bytes());
        durations[observation.result().ordinal()].record(observation.durationNanos(),
                TimeUnit.NANOSECONDS);
        switch (observation.result()) {
            case HIT -> hits.increment();
            case MISS -> misses.increment();
            case BLOCKED -> blocked(observation.blockedReason()).increment();
            default -> { }
        }
    }

    /** A compute instance looked up (and so started, unless it ran already). */
    public void coldStart() {
        coldStarts.increment();
    }

    /** Resolves the meters of every site of a table just put in force; never blocks. */
    public void routesApplied(RoutingTable table) {
        Map<Site, SiteMeters> next = new IdentityHashMap<>();
        for (Site site : table.sites().values()) {
            next.put(site, meters(site.route().appId(), site.route().branchName()));
            if (site.pinnable() != null) {
                for (Site.Pinned pinned : site.pinnable().values()) {
                    next.put(pinned.site(), meters(site.route().appId(), site.route().branchName()));
                }
            }
        }
        bySite = next;
    }

    private SiteMeters meters(Site site) {
        if (site == null) {
            return unknownHost;
        }
        SiteMeters known = bySite.get(site);
        // a site of a table swapped in after this one was chosen: found by name, once per table
        return known != null ? known : meters(site.route().appId(), site.route().branchName());
    }

    private SiteMeters meters(String app, String branch) {
        return byAppBranch.computeIfAbsent(app + '\n' + branch, key -> new SiteMeters(registry, app, branch));
    }

    private LongAdder blocked(String reason) {
        if (reason == null) {
            return blockedIp;
        }
        return switch (reason) {
            case "country" -> blockedCountry;
            case "rate-limit" -> blockedRate;
            case "auth" -> blockedAuth;
            default -> blockedIp;
        };
    }

    private void cache(String result, LongAdder count) {
        FunctionCounter.builder("slipway.edge.cache.requests", count, LongAdder::doubleValue)
                .description("Static requests answered from the edge's cache (hit) or planned and read afresh (miss)")
                .tag("result", result).register(registry);
    }

    private void blocked(String reason, LongAdder count) {
        FunctionCounter.builder("slipway.edge.blocked.requests", count, LongAdder::doubleValue)
                .description("Requests refused by an app's firewall or basic auth").tag("reason", reason)
                .register(registry);
    }

    /** The counters of one app and branch. */
    private static final class SiteMeters {

        final LongAdder[] statusClasses = new LongAdder[STATUS_CLASSES.length];
        final LongAdder bytes = new LongAdder();

        SiteMeters(MeterRegistry registry, String app, String branch) {
            for (int i = 0; i < statusClasses.length; i++) {
                statusClasses[i] = new LongAdder();
                FunctionCounter.builder("slipway.edge.requests", statusClasses[i], LongAdder::doubleValue)
                        .description("Requests answered, by app, branch and status class")
                        .tags("app", app, "branch", branch, "status_class", STATUS_CLASSES[i]).register(registry);
            }
            FunctionCounter.builder("slipway.edge.response.bytes", bytes, LongAdder::doubleValue)
                    .description("Body bytes sent, by app and branch").baseUnit("bytes")
                    .tags("app", app, "branch", branch).register(registry);
        }
    }
}

package dev.slipway.edge.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.edge.AppRoute;
import dev.slipway.protocol.firewall.FirewallRules;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter and the per-app firewall on a clock moved by hand. */
class RateLimiterTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void aWindowLetsTheLimitThroughThenSaysHowLongToWait() {
        assertThat(limiter.acquire("limit", "a", 2, 60)).isZero();
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(limiter.acquire("limit", "a", 2, 60)).isZero();
        assertThat(limiter.acquire("limit", "a", 2, 60)).isEqualTo(50);
        assertThat(limiter.acquire("limit", "b", 2, 60)).as("another client").isZero();
        assertThat(limiter.acquire("other", "a", 2, 60)).as("another limit").isZero();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(49_500));
        assertThat(limiter.acquire("limit", "a", 2, 60)).as("rounded up").isEqualTo(1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(limiter.acquire("limit", "a", 2, 60)).as("a new window").isZero();
    }

    @Test
    void firewallsCountOnlyPathsUnderALimitAndDecodeThem() {
        Firewalls firewalls = new Firewalls(new ClientAddresses("", ""), limiter);
        firewalls.update(List.of(new AppRoute("app", List.of(), null, new FirewallRules(null, List.of(), List.of(),
                List.of(new FirewallRules.RateLimit("/api/", 1, null))))));
        InetSocketAddress peer = new InetSocketAddress("192.0.2.1", 1);
        assertThat(firewalls.check("app", peer, Map.<String, String>of()::get, "/api/a?x=1")).isEqualTo(Verdict.ALLOW);
        assertThat(firewalls.check("app", peer, Map.<String, String>of()::get, "/other")).isEqualTo(Verdict.ALLOW);
        assertThat(firewalls.check("app", peer, Map.<String, String>of()::get, "/%61pi/b").status()).isEqualTo(429);
        assertThat(firewalls.check("app", peer, Map.<String, String>of()::get, "http://h/api/c").status())
                .isEqualTo(429);
        assertThat(firewalls.screen("app", peer, Map.<String, String>of()::get)).as("screening never counts")
                .isEqualTo(Verdict.ALLOW);
        assertThat(firewalls.check("none", peer, Map.<String, String>of()::get, "/api/a")).isEqualTo(Verdict.ALLOW);
        firewalls.update(List.of());
        assertThat(firewalls.active()).isFalse();
    }
}

package dev.slipway.controlplane.domain.cert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code certificate_orders} table: failures and back-off of managed certificate orders, per domain. */
@Repository
public class CertificateOrderRepository {

    /** A domain's failed attempts so far and when the next one may start. */
    public record Backoff(int attempts, Instant nextAttemptTime, String lastError) {
    }

    private final JdbcClient jdbc;

    CertificateOrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Backoff> find(String domainName) {
        return jdbc.sql("SELECT attempts, next_attempt_time, last_error FROM certificate_orders WHERE domain_name = ?")
                .param(domainName)
                .query((rs, n) -> new Backoff(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .optional();
    }

    /** Every domain's back-off, for one pass over all domains. */
    public Map<String, Backoff> all() {
        Map<String, Backoff> all = new HashMap<>();
        jdbc.sql("SELECT domain_name, attempts, next_attempt_time, last_error FROM certificate_orders")
                .query(rs -> {
                    all.put(rs.getString(1), new Backoff(rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getString(4)));
                });
        return all;
    }

    void failed(String domainName, int attempts, Instant next, String error) {
        jdbc.sql("""
                INSERT INTO certificate_orders (domain_name, attempts, next_attempt_time, last_error)
                VALUES (?, ?, ?, ?) ON CONFLICT (domain_name) DO UPDATE SET attempts = excluded.attempts,
                    next_attempt_time = excluded.next_attempt_time, last_error = excluded.last_error""")
                .params(domainName, attempts, Timestamp.from(next), error).update();
    }

    void succeeded(String domainName) {
        jdbc.sql("DELETE FROM certificate_orders WHERE domain_name = ?").param(domainName).update();
    }

    /** An owner asked to retry: the next tick may order at once. */
    public void retryNow(String domainName) {
        jdbc.sql("UPDATE certificate_orders SET next_attempt_time = now() WHERE domain_name = ?").param(domainName)
                .update();
    }
}

package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.routeversion.EdgeAcks;
import dev.slipway.controlplane.routeversion.RouteVersion;
import java.time.Duration;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts HTTP-01 answers into the route snapshot and waits until every edge serves them, so the ACME server's
 * validation requests (which may reach any edge) find the answer; takes them out again afterwards.
 */
@Component
class ChallengePublisher {

    private static final Logger log = LoggerFactory.getLogger(ChallengePublisher.class);
    /** After this the challenge is triggered anyway; a failed validation then says what the CA saw. */
    static final Duration EDGE_WAIT = Duration.ofSeconds(20);

    private final JdbcClient jdbc;
    private final RouteVersion routes;
    private final EdgeAcks acks;
    private final TransactionTemplate tx;

    ChallengePublisher(JdbcClient jdbc, RouteVersion routes, EdgeAcks acks, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.routes = routes;
        this.acks = acks;
        this.tx = tx;
    }

    void publish(String domainName, String token, String keyAuthorization) throws InterruptedException {
        Long version = tx.execute(status -> {
            jdbc.sql("INSERT INTO acme_challenges (token, key_authorization, domain_name) VALUES (?, ?, ?) "
                            + "ON CONFLICT (token) DO NOTHING")
                    .params(token, keyAuthorization, domainName).update();
            return routes.bumpVersionReturning();
        });
        routes.notifyChanged();
        if (!acks.awaitAllEdgesAt(version, EDGE_WAIT)) {
            log.warn("Not every edge reached route version {} within {}; triggering the challenge for {} anyway",
                    version, EDGE_WAIT, domainName);
        }
    }

    void withdraw(Collection<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            tokens.forEach(token -> jdbc.sql("DELETE FROM acme_challenges WHERE token = ?").param(token).update());
            routes.bumpVersion();
        });
        routes.notifyChanged();
    }
}

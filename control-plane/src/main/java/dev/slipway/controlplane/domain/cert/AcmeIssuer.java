package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.domain.DomainProperties;
import dev.slipway.controlplane.support.SecretCipher;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Obtains one certificate over ACME with HTTP-01 answered by the edges. Blocking and slow (seconds): only the
 * {@link CertificateOrders} thread calls it. The account key is kept per directory URL, sealed with the master key.
 */
@Component
class AcmeIssuer {

    static final Duration VALIDATION_WAIT = Duration.ofSeconds(90);

    private final DomainProperties properties;
    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ChallengePublisher challenges;
    private Account account;

    AcmeIssuer(DomainProperties properties, JdbcClient jdbc, SecretCipher cipher, ChallengePublisher challenges) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.challenges = challenges;
        // acme4j makes its keys and CSRs through the BouncyCastle provider, looked up by name
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    /** @throws AcmeIssueException with the CA's own words when the order fails */
    PemCertificate issue(String domainName, List<String> hosts) throws AcmeException, IOException, InterruptedException {
        Order order = account().newOrder().domains(hosts).create();
        List<String> tokens = new ArrayList<>();
        try {
            for (Authorization authorization : order.getAuthorizations()) {
                if (authorization.getStatus() == Status.VALID) {
                    continue;
                }
                String host = authorization.getIdentifier().getDomain();
                Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow(() ->
                        new AcmeIssueException("The ACME server offers no http-01 challenge for " + host + "."));
                challenges.publish(domainName, challenge.getToken(), challenge.getAuthorization());
                tokens.add(challenge.getToken());
                challenge.trigger();
                if (authorization.waitForCompletion(VALIDATION_WAIT) != Status.VALID) {
                    authorization.fetch();
                    throw new AcmeIssueException("Validation of " + host + " failed: " + describe(
                            challenge.getError().or(() -> challengeError(authorization)).orElse(null)));
                }
            }
        } finally {
            challenges.withdraw(tokens);
        }
        KeyPair domainKey = p256();
        order.execute(domainKey);
        if (order.waitForCompletion(VALIDATION_WAIT) != Status.VALID) {
            throw new AcmeIssueException("The order was not completed: " + describe(order.getError().orElse(null)));
        }
        return new PemCertificate(List.copyOf(order.getCertificate().getCertificateChain()), domainKey.getPrivate());
    }

    /** A JDK key (not a BouncyCastle one), so the edge and the checks handle it like any uploaded key. */
    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is unavailable", e);
        }
    }

    private static java.util.Optional<Problem> challengeError(Authorization authorization) {
        return authorization.getChallenges().stream().flatMap(c -> c.getError().stream()).findFirst();
    }

    static String describe(Problem problem) {
        if (problem == null) {
            return "the ACME server gave no reason.";
        }
        return problem.getDetail().orElse(problem.getTitle().orElse(problem.getType().toString()))
                + " (" + problem.getType() + ")";
    }

    private synchronized Account account() throws AcmeException, IOException {
        if (account == null) {
            Session session = AcmeSessions.open(properties);
            AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
            if (!properties.acmeEmail().isBlank()) {
                builder.addEmail(properties.acmeEmail());
            }
            account = builder.create(session);
        }
        return account;
    }

    private KeyPair accountKey() throws IOException {
        String directory = properties.acmeDirectory();
        var stored = jdbc.sql("SELECT key_pem_enc FROM acme_accounts WHERE directory_url = ?").param(directory)
                .query(String.class).optional();
        if (stored.isPresent()) {
            return KeyPairUtils.readKeyPair(new StringReader(cipher.decrypt(stored.get())));
        }
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        StringWriter pem = new StringWriter();
        KeyPairUtils.writeKeyPair(key, pem);
        jdbc.sql("INSERT INTO acme_accounts (directory_url, key_pem_enc) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(directory, cipher.encrypt(pem.toString())).update();
        return accountKey();
    }

    /** An order failed for a reason the CA stated. */
    static final class AcmeIssueException extends AcmeException {
        AcmeIssueException(String message) {
            super(message);
        }
    }
}

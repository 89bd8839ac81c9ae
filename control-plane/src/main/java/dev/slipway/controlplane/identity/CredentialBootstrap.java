package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.RandomIds;
import dev.slipway.controlplane.support.SecretCipher.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First-start credentials: the console owner, the admin API token (SLIPWAY_BOOTSTRAP_TOKEN, or a generated one written to
 * {@code <data-dir>/admin-token}), and the runner and edge tokens ({@code <data-dir>/tokens/}) that `slipway up`
 * hands to the processes it starts. Files are owner-only; the database holds only hashes. Control planes starting
 * together against one database take turns (an advisory lock for the transaction), so only one creates the owner.
 */
@Component
class CredentialBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CredentialBootstrap.class);

    private final TokenService tokens;
    private final UserAccounts users;
    private final ControlPlaneProperties properties;
    private final String runnerToken;
    private final String edgeToken;

    private final String adminEmail;
    private final String adminPassword;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    CredentialBootstrap(TokenService tokens, UserAccounts users, ControlPlaneProperties properties,
            @Value("${SLIPWAY_RUNNER_TOKEN:}") String runnerToken, @Value("${SLIPWAY_EDGE_TOKEN:}") String edgeToken,
            @Value("${SLIPWAY_ADMIN_EMAIL:}") String adminEmail, @Value("${SLIPWAY_ADMIN_PASSWORD:}") String adminPassword,
            JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.tokens = tokens;
        this.users = users;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.properties = properties;
        this.runnerToken = runnerToken;
        this.edgeToken = edgeToken;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('slipway-credential-bootstrap'))").query().listOfRows();
            try {
                bootstrap();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void bootstrap() throws IOException {
        Path dataDir = properties.absoluteDataDir();
        if (!properties.bootstrapToken().isBlank()) {
            tokens.register(properties.bootstrapToken(), "bootstrap", TokenKind.USER, "ADMIN");
        } else if (!tokens.anyOfKind(TokenKind.USER)) {
            String admin = RandomIds.secret();
            OwnerOnlyFiles.write(dataDir.resolve("admin-token"), admin);
            tokens.register(admin, "admin", TokenKind.USER, "ADMIN");
            log.info("Generated the admin API token into {}", dataDir.resolve("admin-token"));
        }
        if (!users.any()) {
            createOwner(dataDir);
        }
        ensureServiceToken(runnerToken, dataDir.resolve("tokens").resolve("runner-token"), "runner", TokenKind.RUNNER);
        ensureServiceToken(edgeToken, dataDir.resolve("tokens").resolve("edge-token"), "edge", TokenKind.EDGE);
    }

    /** The console's first user: SLIPWAY_ADMIN_EMAIL/PASSWORD, else "admin" with a password `slipway up` prints. */
    private void createOwner(Path dataDir) throws IOException {
        String username = adminEmail.isBlank() ? "admin" : adminEmail;
        String password = adminPassword;
        if (password.isBlank()) {
            password = RandomIds.secret().substring(0, 20);
            OwnerOnlyFiles.write(dataDir.resolve("admin-password"), password);
        }
        users.create(username, adminEmail.isBlank() ? null : adminEmail, password, "OWNER");
        log.info("Created the console owner '{}'", username);
    }

    private void ensureServiceToken(String configured, Path file, String name, TokenKind kind) throws IOException {
        String token = configured;
        if (token.isBlank()) {
            if (Files.exists(file)) {
                token = Files.readString(file).trim();
            } else {
                token = RandomIds.secret();
                OwnerOnlyFiles.write(file, token);
            }
        }
        tokens.register(token, name, kind, kind.name());
    }
}

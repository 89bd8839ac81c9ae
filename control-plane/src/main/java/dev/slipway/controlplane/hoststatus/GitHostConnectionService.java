package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.protocol.net.Destinations;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Per-app git host connections: which host, its API base URL (GitHub Enterprise and self-hosted GitLab/Gitea
 * included) and an access token, stored with {@link SecretCipher} and never returned.
 */
@Service
public class GitHostConnectionService {

    private final GitHostConnectionRepository connections;
    private final AppService apps;
    private final SecretCipher cipher;
    private final OutboxRepository outbox;

    private final Destinations destinations;

    GitHostConnectionService(GitHostConnectionRepository connections, AppService apps, SecretCipher cipher,
            OutboxRepository outbox, GitHostProperties properties) {
        this.connections = connections;
        this.apps = apps;
        this.cipher = cipher;
        this.outbox = outbox;
        this.destinations = properties.destinations();
    }

    /**
     * @param provider   github, gitlab, gitea or bitbucket
     * @param token      the host access token (GitHub/Gitea: a token allowed to write commit statuses and issue
     *                   comments; GitLab: api scope; Bitbucket: a repository access token)
     * @param apiUrl     optional: the host's REST API base; defaults from the provider and the app's repository host
     * @param repository optional: {@code owner/name} on the host; defaults from the app's repository URL
     */
    public record Changes(String provider, String token, String apiUrl, String repository) {
    }

    public GitHostConnection put(String appId, Changes changes) {
        App app = apps.get(appId);
        GitHost host = GitHost.byId(changes.provider()).orElseThrow(() -> Refusal.invalid(
                "'provider' must be one of " + Arrays.stream(GitHost.values()).map(GitHost::id).toList() + " (got '"
                        + changes.provider() + "')."));
        String token = changes.token();
        if (token == null || token.isBlank() || token.length() > 1000 || !token.matches("\\S+")) {
            throw Refusal.invalid("'token' is required: an access token of the git host, without spaces.");
        }
        Optional<GitHost.RepositoryLocation> location = GitHost.RepositoryLocation.of(app.repository());
        String repository = validRepository(changes.repository() != null ? changes.repository()
                : location.map(GitHost.RepositoryLocation::path).orElseThrow(() -> Refusal.invalid(
                        "The app's repository '" + app.repository() + "' names no owner/name; set 'repository'.")));
        String apiUrl = validApiUrl(changes.apiUrl() != null ? changes.apiUrl()
                : host.defaultApiUrl(location.map(GitHost.RepositoryLocation::host).orElse(null))
                        .orElseThrow(() -> Refusal.invalid("Set 'apiUrl': the app's repository names no host.")));
        GitHostConnection connection = new GitHostConnection(appId, host, apiUrl, repository,
                token.substring(Math.max(0, token.length() - 4)), Instant.now(), Instant.now());
        connections.save(connection, cipher.encrypt(token));
        return get(appId);
    }

    public GitHostConnection get(String appId) {
        return find(appId).orElseThrow(() -> Refusal.notFound("App '" + appId
                + "' has no git host connection; PUT one to get commit statuses and preview comments."));
    }

    /** The app's connection, if it has one (the console shows it without treating "none" as an error). */
    public Optional<GitHostConnection> find(String appId) {
        apps.get(appId);
        return connections.find(appId);
    }

    public GitHostConnection delete(String appId) {
        GitHostConnection connection = get(appId);
        connections.delete(appId);
        return connection;
    }

    /** The app's latest calls to its git host, newest first: what was sent, what waits for a retry and why. */
    public List<OutboxEntry> calls(String appId, int limit) {
        apps.get(appId);
        return outbox.list(appId, Math.clamp(limit, 1, 1000));
    }

    boolean isConnected(String appId) {
        return connections.exists(appId);
    }

    /** The connection with its decrypted token, for the one call about to be made. */
    Optional<Credentials> credentials(String appId) {
        return connections.find(appId).flatMap(connection -> connections.encryptedToken(appId)
                .map(enc -> new Credentials(connection, cipher.decrypt(enc))));
    }

    record Credentials(GitHostConnection connection, String token) {
        @Override
        public String toString() {
            return "Credentials[" + connection + ", token=***]";
        }
    }

    private static String validRepository(String repository) {
        String path = repository.trim().replaceAll("^/+|/+$", "");
        if (!path.matches("[\\w.-]+(/[\\w.-]+)+") || path.length() > 500) {
            throw Refusal.invalid("'repository' must be owner/name on the git host (got '" + repository
                    + "').");
        }
        return path;
    }

    /**
     * An http(s) URL whose host may be called (issue 16 M4): a literal non-public address is refused here unless
     * {@code SLIPWAY_GIT_HOSTS_ALLOW} lists it; a name is checked each time it is resolved for a call.
     */
    private String validApiUrl(String apiUrl) {
        String url = apiUrl.trim().replaceAll("/+$", "");
        URI uri = null;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            // answered below
        }
        if (uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                && uri.getQuery() == null && uri.getUserInfo() == null) {
            String refusal = destinations.hostRefusal(uri.getHost());
            if (refusal != null) {
                throw Refusal.invalid("'apiUrl' may not point at " + refusal + "; a git server on a private "
                        + "network needs its address block in SLIPWAY_GIT_HOSTS_ALLOW (got '" + apiUrl + "').");
            }
            return url;
        }
        throw Refusal.invalid("'apiUrl' must be an http(s) URL without query or credentials, such as "
                + "https://github.example.com/api/v3 (got '" + apiUrl + "').");
    }
}

package dev.slipway.controlplane.hoststatus;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The git hosts Slipway reports to, with where their REST API lives when the app does not say. */
public enum GitHost {
    GITHUB("github", new GitHubApi(GitHubApi.Dialect.GITHUB)),
    GITLAB("gitlab", new GitLabApi()),
    GITEA("gitea", new GitHubApi(GitHubApi.Dialect.GITEA)),
    BITBUCKET("bitbucket", new BitbucketApi());

    private final String id;
    private final HostApi api;

    GitHost(String id, HostApi api) {
        this.id = id;
        this.api = api;
    }

    public String id() {
        return id;
    }

    HostApi api() {
        return api;
    }

    public static Optional<GitHost> byId(String id) {
        return Arrays.stream(values()).filter(host -> host.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * The public API for the cloud hosts; for a self-hosted one (GitHub Enterprise, GitLab, Gitea) the API on the
     * repository's own host. Empty when the repository URL names no host.
     */
    Optional<String> defaultApiUrl(String repositoryHost) {
        if (this == BITBUCKET) {
            return Optional.of("https://api.bitbucket.org/2.0");
        }
        if (this == GITHUB && (repositoryHost == null || repositoryHost.equals("github.com"))) {
            return Optional.of("https://api.github.com");
        }
        if (repositoryHost == null) {
            return Optional.empty();
        }
        return Optional.of("https://" + repositoryHost + switch (this) {
            case GITHUB -> "/api/v3";
            case GITLAB -> "/api/v4";
            default -> "/api/v1";
        });
    }

    /** Host and {@code owner/name} path of a clone URL (https://, ssh://, git://, or scp-like user@host:path). */
    record RepositoryLocation(String host, String path) {

        static Optional<RepositoryLocation> of(String cloneUrl) {
            if (cloneUrl == null) {
                return Optional.empty(); // an app deployed from zips only
            }
            String url = cloneUrl.trim();
            String host;
            String path;
            int scheme = url.indexOf("://");
            if (scheme > 0) {
                try {
                    URI uri = URI.create(url);
                    host = uri.getHost();
                    path = uri.getPath();
                } catch (IllegalArgumentException notAUri) {
                    return Optional.empty();
                }
            } else if (url.matches("[\\w.-]+@[\\w.-]+:.+")) {
                host = url.substring(url.indexOf('@') + 1, url.indexOf(':'));
                path = url.substring(url.indexOf(':') + 1);
            } else {
                return Optional.empty();
            }
            if (host == null || path == null) {
                return Optional.empty();
            }
            path = path.replaceAll("^/+|/+$", "").replaceAll("\\.git$", "");
            return !path.contains("/") ? Optional.empty()
                    : Optional.of(new RepositoryLocation(host.toLowerCase(Locale.ROOT), path));
        }
    }
}

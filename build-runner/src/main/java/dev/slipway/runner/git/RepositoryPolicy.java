package dev.slipway.runner.git;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which clone URLs a runner accepts. Remote transports (https, http, ssh, git, scp-like {@code user@host:path}) always;
 * {@code file://} and plain local paths only when explicitly allowed (SLIPWAY_ALLOW_FILE_REPOS), because they would
 * let a user build any directory of the runner's machine.
 */
public final class RepositoryPolicy {

    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.+");

    private final boolean allowFileRepos;

    public RepositoryPolicy(boolean allowFileRepos) {
        this.allowFileRepos = allowFileRepos;
    }

    /** @return null when the URL may be cloned, else a sentence saying why not */
    public String refusal(String repository) {
        if (repository == null || repository.isBlank()) {
            return "the app has no repository configured";
        }
        var url = URL.matcher(repository);
        if (url.matches()) {
            String scheme = url.group(1).toLowerCase(Locale.ROOT);
            return switch (scheme) {
                case "https", "http", "ssh", "git" -> null;
                case "file" -> allowFileRepos ? null : fileRefusal(repository);
                default -> "repository URL scheme '" + scheme + "' is not supported (use https, ssh or git)";
            };
        }
        if (SCP_LIKE.matcher(repository).matches()) {
            return null;
        }
        return allowFileRepos ? null : fileRefusal(repository);
    }

    private static String fileRefusal(String repository) {
        return "local repository '" + repository + "' refused: file:// and local paths are disabled on this runner "
                + "(set SLIPWAY_ALLOW_FILE_REPOS=true to allow them)";
    }

    /** The URL without user info, for logs and messages. */
    public static String redact(String repository) {
        return repository == null ? null : repository.replaceAll("://[^/@]*@", "://***@");
    }
}

package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.Refusal;
import java.util.regex.Pattern;

/** Which repository locations an app may clone from. Local ones only when the operator allows them. */
final class RepositoryUrls {

    private static final Pattern REMOTE = Pattern.compile("(https?|git|ssh)://[^\\s]+|[\\w.-]+@[\\w.-]+:[^\\s]+");

    private RepositoryUrls() {
    }

    static String validate(String repository, boolean allowFileRepos) {
        if (repository == null || repository.isBlank()) {
            throw Refusal.invalid("'repository' is required: the clone URL of the git repository.");
        }
        String url = repository.trim();
        if (url.length() > 1000) {
            throw Refusal.invalid("'repository' is longer than 1,000 characters.");
        }
        boolean local = url.startsWith("file:") || url.startsWith("/");
        if (local) {
            if (!allowFileRepos) {
                throw Refusal.invalid("Local repositories (" + url + ") are disabled; the operator can allow "
                        + "them with SLIPWAY_ALLOW_FILE_REPOS=true.");
            }
            return url;
        }
        if (!REMOTE.matcher(url).matches()) {
            throw Refusal.invalid("'" + url + "' is not a git URL (https://, git://, ssh:// or user@host:path).");
        }
        return url;
    }
}

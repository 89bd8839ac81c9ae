package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.hoststatus.GitHostConnectionService.Credentials;
import java.util.Map;

/**
 * GitHub's REST API (github.com and Enterprise Server), and Gitea/Forgejo's, which copies its shape: statuses
 * {@code POST /repos/{owner}/{repo}/statuses/{sha}}, comments on the pull request's issue, edited with
 * {@code PATCH /repos/{owner}/{repo}/issues/comments/{id}}. Only the authorization header differs.
 */
final class GitHubApi implements HostApi {

    enum Dialect { GITHUB, GITEA }

    private final Dialect dialect;

    GitHubApi(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public HostCall status(Credentials credentials, StatusUpdate update) {
        String state = switch (update.status()) {
            case SUCCEED -> "success";
            case FAILED -> "failure";
            case CANCELLED -> "error";
            default -> "pending";
        };
        return call(credentials, "POST", "/statuses/" + update.commitId(), update.commonBody(state, "context"));
    }

    @Override
    public HostCall createComment(Credentials credentials, long pullRequest, String body) {
        return call(credentials, "POST", "/issues/" + pullRequest + "/comments", Map.of("body", body));
    }

    @Override
    public HostCall updateComment(Credentials credentials, long pullRequest, String commentId, String body) {
        return call(credentials, "PATCH", "/issues/comments/" + commentId, Map.of("body", body));
    }

    private HostCall call(Credentials credentials, String method, String path, Object body) {
        String url = credentials.connection().apiUrl() + "/repos/" + credentials.connection().repository() + path;
        return dialect == Dialect.GITHUB
                ? HostCall.json(method, url, body, "Authorization", "Bearer " + credentials.token(),
                        "Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28")
                : HostCall.json(method, url, body, "Authorization", "token " + credentials.token());
    }
}

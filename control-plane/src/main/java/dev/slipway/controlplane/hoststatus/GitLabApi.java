package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.hoststatus.GitHostConnectionService.Credentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * GitLab's REST API v4: {@code POST /projects/{id}/statuses/{sha}} and merge request notes, with the project named by
 * its URL-encoded path and the token in {@code PRIVATE-TOKEN}.
 */
final class GitLabApi implements HostApi {

    @Override
    public HostCall status(Credentials credentials, StatusUpdate update) {
        String state = switch (update.status()) {
            case SUCCEED -> "success";
            case FAILED -> "failed";
            case CANCELLED -> "canceled";
            case RUNNING, CANCELLING -> "running";
            default -> "pending";
        };
        return call(credentials, "POST", "/statuses/" + update.commitId(), update.commonBody(state, "name"));
    }

    @Override
    public HostCall createComment(Credentials credentials, long pullRequest, String body) {
        return call(credentials, "POST", "/merge_requests/" + pullRequest + "/notes", Map.of("body", body));
    }

    @Override
    public HostCall updateComment(Credentials credentials, long pullRequest, String commentId, String body) {
        return call(credentials, "PUT", "/merge_requests/" + pullRequest + "/notes/" + commentId,
                Map.of("body", body));
    }

    private static HostCall call(Credentials credentials, String method, String path, Object body) {
        String project = URLEncoder.encode(credentials.connection().repository(), StandardCharsets.UTF_8);
        return HostCall.json(method, credentials.connection().apiUrl() + "/projects/" + project + path, body,
                "PRIVATE-TOKEN", credentials.token());
    }
}

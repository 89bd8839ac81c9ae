package dev.slipway.controlplane.hoststatus;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which host comment is Slipway's on each pull request, so rebuilds edit it instead of adding another. */
@Repository
class PullRequestComments {

    private final JdbcClient jdbc;

    PullRequestComments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(String appId, long pullRequest) {
        return jdbc.sql("SELECT comment_id FROM pull_request_comments WHERE app_id = ? AND pull_request_number = ?")
                .params(appId, pullRequest).query(String.class).optional();
    }

    void remember(String appId, long pullRequest, String commentId) {
        jdbc.sql("""
                INSERT INTO pull_request_comments (app_id, pull_request_number, comment_id) VALUES (?, ?, ?)
                ON CONFLICT (app_id, pull_request_number) DO UPDATE SET comment_id = excluded.comment_id""")
                .params(appId, pullRequest, commentId).update();
    }

    void forget(String appId, long pullRequest) {
        jdbc.sql("DELETE FROM pull_request_comments WHERE app_id = ? AND pull_request_number = ?")
                .params(appId, pullRequest).update();
    }
}

package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.hoststatus.GitHostConnectionService.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bitbucket Cloud's API 2.0: build statuses {@code POST /repositories/{workspace}/{repo}/commit/{sha}/statuses/build}
 * (a {@code key} of at most 40 characters, a required {@code url}) and pull request comments with
 * {@code content.raw}; a repository access token as Bearer.
 */
final class BitbucketApi implements HostApi {

    private static final int MAX_KEY = 40;

    @Override
    public HostCall status(Credentials credentials, StatusUpdate update) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key(update.context()));
        body.put("state", switch (update.status()) {
            case SUCCEED -> "SUCCESSFUL";
            case FAILED -> "FAILED";
            case CANCELLED -> "STOPPED";
            default -> "INPROGRESS";
        });
        body.put("name", update.context());
        body.put("url", update.targetUrl());
        body.put("description", update.description());
        return call(credentials, "POST", "/commit/" + update.commitId() + "/statuses/build", body);
    }

    @Override
    public HostCall createComment(Credentials credentials, long pullRequest, String body) {
        return call(credentials, "POST", "/pullrequests/" + pullRequest + "/comments",
                Map.of("content", Map.of("raw", body)));
    }

    @Override
    public HostCall updateComment(Credentials credentials, long pullRequest, String commentId, String body) {
        return call(credentials, "PUT", "/pullrequests/" + pullRequest + "/comments/" + commentId,
                Map.of("content", Map.of("raw", body)));
    }

    /** Long contexts keep their start and a hash of the whole, so distinct contexts keep distinct keys. */
    static String key(String context) {
        if (context.length() <= MAX_KEY) {
            return context;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(context.getBytes(StandardCharsets.UTF_8));
            return context.substring(0, MAX_KEY - 9) + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HostCall call(Credentials credentials, String method, String path, Object body) {
        return HostCall.json(method, credentials.connection().apiUrl() + "/repositories/"
                + credentials.connection().repository() + path, body, "Authorization", "Bearer " + credentials.token());
    }
}

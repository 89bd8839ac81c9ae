package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.hoststatus.GitHostConnectionService.Credentials;

/**
 * One git host's REST API for commit statuses and pull-request comments. Implementations only shape calls (no I/O),
 * so every host's request is checked by the same recording-server tests; all four answer a created comment with its
 * numeric {@code id}.
 */
interface HostApi {

    HostCall status(Credentials credentials, StatusUpdate update);

    HostCall createComment(Credentials credentials, long pullRequest, String body);

    HostCall updateComment(Credentials credentials, long pullRequest, String commentId, String body);
}

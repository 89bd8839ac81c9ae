package dev.slipway.controlplane.hoststatus;

/** The text of the one comment Slipway keeps on a pull request, created once and edited in place afterwards. */
record CommentUpdate(long pullRequestNumber, String body) {
}

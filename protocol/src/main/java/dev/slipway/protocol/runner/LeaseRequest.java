package dev.slipway.protocol.runner;

/**
 * A runner asking for work.
 *
 * @param runnerId   stable name of the runner process (host name + pid by default), shown on the job
 * @param waitMillis how long the control plane may hold the request open when nothing is queued (long-poll)
 */
public record LeaseRequest(String runnerId, long waitMillis) {
}

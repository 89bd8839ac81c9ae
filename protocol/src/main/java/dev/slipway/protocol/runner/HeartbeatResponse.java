package dev.slipway.protocol.runner;

/**
 * @param cancelRequested true once a user asked to stop the job; the runner stops the build and completes
 *                        the job as CANCELLED
 * @param leaseMillis     the lease now lasts this long from the heartbeat
 */
public record HeartbeatResponse(boolean cancelRequested, long leaseMillis) {
}

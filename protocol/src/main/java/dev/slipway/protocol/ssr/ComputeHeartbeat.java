package dev.slipway.protocol.ssr;

/**
 * A compute host saying it is alive and where edges reach it.
 *
 * @param hostId stable per process
 * @param url    base URL edges proxy compute requests to, e.g. {@code http://127.0.0.1:8200}
 */
public record ComputeHeartbeat(String hostId, String url) {

    /** @param computeAccessKey what edges present on every call to a compute host ({@link ComputeApi#ACCESS_KEY_HEADER}) */
    public record Answer(String computeAccessKey) {
    }
}

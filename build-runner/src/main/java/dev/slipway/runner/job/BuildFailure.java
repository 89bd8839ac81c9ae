package dev.slipway.runner.job;

/**
 * A job that ends without success for a reason of its own (bad spec, failing command, timeout, cancel): data, not a
 * platform error. The message is the reason reported to the control plane.
 */
final class BuildFailure extends Exception {

    private final String step;
    private final String status;

    private BuildFailure(String step, String status, String reason) {
        super(reason, null, false, false);
        this.step = step;
        this.status = status;
    }

    static BuildFailure failed(String step, String reason) {
        return new BuildFailure(step, "FAILED", reason);
    }

    static BuildFailure cancelled(String step) {
        return new BuildFailure(step, "CANCELLED", "Build cancelled by a user");
    }

    String step() {
        return step;
    }

    String status() {
        return status;
    }
}

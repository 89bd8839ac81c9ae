package dev.slipway.runner.lease;

import java.io.IOException;

/** The control plane answered 409: this runner's lease on the job is gone; abandon the job, report nothing more. */
public final class LeaseLostException extends IOException {
    public LeaseLostException(String message) {
        super(message);
    }
}

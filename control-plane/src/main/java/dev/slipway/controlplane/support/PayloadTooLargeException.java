package dev.slipway.controlplane.support;

import java.io.IOException;

/** Thrown by {@link RequestSizeLimitFilter}'s stream when a body passes its limit. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes for this endpoint.");
    }
}

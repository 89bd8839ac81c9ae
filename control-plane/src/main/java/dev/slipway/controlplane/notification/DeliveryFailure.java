package dev.slipway.controlplane.notification;

/** A delivery attempt that did not reach its target; {@code retryable} when another attempt may succeed. */
final class DeliveryFailure extends Exception {

    final boolean retryable;

    DeliveryFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }
}

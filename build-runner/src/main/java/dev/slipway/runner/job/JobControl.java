package dev.slipway.runner.job;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Signals from outside the job's thread: the user cancelled (finish as CANCELLED) or the lease was lost (stop and
 * report nothing more). Either stops the running build through the hook the job installed. Thread-safe.
 */
public final class JobControl {

    private volatile boolean cancelled;
    private volatile boolean abandoned;
    private final AtomicReference<Runnable> stopHook = new AtomicReference<>();

    public void cancel() {
        cancelled = true;
        stop();
    }

    public void abandon() {
        abandoned = true;
        stop();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public boolean isAbandoned() {
        return abandoned;
    }

    public boolean shouldStop() {
        return cancelled || abandoned;
    }

    /** Installs how to stop the current build; runs it at once when a stop was already requested. */
    void onStop(Runnable hook) {
        stopHook.set(hook);
        if (shouldStop()) {
            stop();
        }
    }

    void clearStop() {
        stopHook.set(null);
    }

    private void stop() {
        Runnable hook = stopHook.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
    }
}

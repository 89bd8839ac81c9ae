package dev.slipway.controlplane.support;

import org.springframework.context.SmartLifecycle;

/**
 * A worker that runs one loop on its own virtual thread from start to stop (the outboxes' senders). Stopping
 * interrupts the thread; {@link #run()} ends when {@link #looping()} turns false or it is interrupted.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private final String threadName;
    private volatile Thread loop;

    protected BackgroundLoop(String threadName) {
        this.threadName = threadName;
    }

    /** The loop; called once per start, on the loop's thread. */
    protected abstract void run();

    /** Whether the calling loop should go on: false once stopped (or restarted on another thread). */
    protected boolean looping() {
        return loop == Thread.currentThread();
    }

    @Override
    public void start() {
        Thread thread = Thread.ofVirtual().name(threadName).unstarted(this::run);
        loop = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = loop;
        loop = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}

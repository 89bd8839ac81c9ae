package dev.slipway.runner.job;

/**
 * Milliseconds spent per stage of a job, logged as one line at the end:
 * {@code [slipway] timings: clone=<ms> container=<ms> commands=<ms> artifacts=<ms> cache=<ms> overhead=<ms>}.
 * Container = create + copy + start until the first command runs; cache = restoring plus saving the build cache;
 * overhead = from the job's start on this runner (right after the lease) to the first user command. Single-threaded except {@link #firstCommand()}, which the log tail calls.
 */
final class Timings {

    long clone;
    long container;
    long commands;
    long artifacts;
    long cache;
    private final long created = now();
    private volatile long containerStart;
    private volatile long firstCommandAt;

    static long now() {
        return System.nanoTime();
    }

    static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    void containerStarting() {
        containerStart = now();
    }

    void firstCommand() {
        if (firstCommandAt == 0) {
            firstCommandAt = now();
        }
    }

    /** Splits the build time into container setup and commands once the step ended. */
    void stepEnded() {
        long end = now();
        long first = firstCommandAt == 0 ? end : firstCommandAt;
        container = (first - containerStart) / 1_000_000;
        commands = (end - first) / 1_000_000;
    }

    String line() {
        return "[slipway] timings: clone=" + clone + " container=" + container + " commands=" + commands
                + " artifacts=" + artifacts + " cache=" + cache + " overhead="
                + (firstCommandAt == 0 ? -1 : (firstCommandAt - created) / 1_000_000);
    }
}

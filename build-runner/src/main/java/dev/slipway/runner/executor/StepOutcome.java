package dev.slipway.runner.executor;

/**
 * How a step ended.
 *
 * @param exitCode  the script's exit code (137 when killed)
 * @param oomKilled the kernel killed a process of the step for exceeding its memory limit
 * @param timedOut  the step ran past its timeout and was killed
 */
public record StepOutcome(int exitCode, boolean oomKilled, boolean timedOut) {

    public boolean succeeded() {
        return exitCode == 0 && !oomKilled && !timedOut;
    }
}

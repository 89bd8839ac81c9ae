package dev.slipway.runner.executor;

import java.util.Map;

/**
 * A script to run in the workspace.
 *
 * @param name        step name ({@code build})
 * @param script      bash script text
 * @param environment variables added to the step's environment (values are secrets: never log them)
 * @param workingDir  directory relative to the workspace root where the script starts; empty for the root
 * @param memoryBytes memory limit (and memory+swap), 0 for none
 * @param nanoCpus    CPU limit in billionths of a CPU, 0 for none
 * @param image       image to run in ({@code _CUSTOM_IMAGE}), or null for the executor's default; executors without
 *                    images ignore it
 */
public record Step(String name, String script, Map<String, String> environment, String workingDir, long memoryBytes,
                   long nanoCpus, String image) {

    public Step(String name, String script, Map<String, String> environment, String workingDir, long memoryBytes,
                long nanoCpus) {
        this(name, script, environment, workingDir, memoryBytes, nanoCpus, null);
    }

    public Step {
        environment = Map.copyOf(environment);
        workingDir = workingDir == null ? "" : workingDir;
    }
}

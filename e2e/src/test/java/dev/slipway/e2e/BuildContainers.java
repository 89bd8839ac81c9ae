package dev.slipway.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Docker engine as the tests see it: the docker CLI, no client library. */
public final class BuildContainers {

    private BuildContainers() {
    }

    /** Running build containers (label slipway.job) whose environment names this app. */
    public static List<String> of(String appId) throws IOException, InterruptedException {
        return docker("ps", "-q", "--no-trunc", "--filter", "label=slipway.job").lines()
                .filter(id -> {
                    try {
                        return docker("inspect", "--format", "{{range .Config.Env}}{{println .}}{{end}}", id)
                                .lines().anyMatch(("AWS_APP_ID=" + appId)::equals);
                    } catch (IOException | InterruptedException e) {
                        return false;
                    }
                }).toList();
    }

    /** Whether a container with this id exists, running or not. */
    public static boolean exists(String id) throws IOException, InterruptedException {
        return !docker("ps", "-aq", "--no-trunc", "--filter", "id=" + id).strip().isEmpty();
    }

    public static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}

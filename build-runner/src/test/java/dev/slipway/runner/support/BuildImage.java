package dev.slipway.runner.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.slipway.runner.executor.DockerClients;
import dev.slipway.runner.executor.DockerExecutor;

/** Makes sure the build image exists, building it with deploy/build-image/build.sh when it does not. */
public final class BuildImage {

    public static final String IMAGE = "slipway/build:4";

    private BuildImage() {
    }

    /** A Docker executor on the local engine with the build image present; fails (never skips) without an engine. */
    public static DockerExecutor executor(String runnerId) throws IOException, InterruptedException {
        DockerExecutor executor = new DockerExecutor(DockerClients.create(), IMAGE,
                Path.of("/etc/ssl/certs/ca-certificates.crt"), runnerId);
        assertThat(executor.isAvailable()).as("a Docker engine must answer (tests never skip)").isTrue();
        ensure();
        return executor;
    }

    public static synchronized void ensure() throws IOException, InterruptedException {
        if (run("docker", "image", "inspect", IMAGE) == 0) {
            return;
        }
        Path script = projectRoot().resolve("deploy/build-image/build.sh");
        assertThat(script).as("build image script").exists();
        assertThat(run("bash", script.toString())).as("deploy/build-image/build.sh exit code").isZero();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/build-image/build.sh"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath().getParent() : dir;
    }
}

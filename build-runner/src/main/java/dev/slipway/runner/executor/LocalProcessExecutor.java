package dev.slipway.runner.executor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the step's script with {@code bash} as a child process in the checked-out source, for machines without a
 * Docker engine. No isolation and no memory or CPU limit: the build runs with this process's user and network.
 */
public final class LocalProcessExecutor implements BuildExecutor {

    private final Path caBundle;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();

    public LocalProcessExecutor(Path caBundle) {
        this.caBundle = caBundle;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean isAvailable() {
        try {
            Process p = new ProcessBuilder("bash", "-c", "exit 0").redirectErrorStream(true).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void setupWorkflow(Workflow workflow) throws IOException {
        Files.createDirectories(workflow.scratchDir());
    }

    @Override
    public void startStep(Workflow workflow, Step step) throws IOException {
        Path script = workflow.scratchDir().resolve(step.name() + ".sh");
        Files.writeString(script, step.script(), StandardCharsets.UTF_8);
        Path dir = step.workingDir().isEmpty() ? workflow.sourceDir() : workflow.sourceDir().resolve(step.workingDir());
        if (!Files.isDirectory(dir)) {
            throw new IOException("working directory " + step.workingDir() + " does not exist in the repository");
        }
        ProcessBuilder builder = new ProcessBuilder("bash", script.toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        if (caBundle != null && Files.isReadable(caBundle)) {
            builder.environment().put("NODE_EXTRA_CA_CERTS", caBundle.toAbsolutePath().toString());
        }
        builder.environment().putAll(step.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        processes.put(key(workflow, step), builder.start());
    }

    @Override
    public void tailStep(Workflow workflow, Step step, Consumer<String> lines) throws IOException {
        Process process = require(workflow, step);
        LineSplitter splitter = new LineSplitter(lines);
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                splitter.accept(buffer, 0, n);
            }
        } catch (IOException closed) {
            // destroyed while reading
        } finally {
            splitter.finish();
        }
    }

    @Override
    public StepOutcome waitStep(Workflow workflow, Step step, Duration timeout) throws IOException {
        Process process = require(workflow, step);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyStep(workflow, step);
                return new StepOutcome(137, false, true);
            }
            return new StepOutcome(process.exitValue(), false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyStep(workflow, step);
            throw new IOException("interrupted while waiting for the build", e);
        }
    }

    @Override
    public boolean copyOut(Workflow workflow, Step step, String workspacePath, Path localDir) throws IOException {
        Path source = workspacePath.isEmpty() ? workflow.sourceDir() : workflow.sourceDir().resolve(workspacePath);
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Files.createDirectories(localDir);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(localDir.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = localDir.resolve(source.relativize(file).toString());
                Files.copy(file, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
        return true;
    }

    @Override
    public void destroyStep(Workflow workflow, Step step) {
        Process process = processes.remove(key(workflow, step));
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Override
    public void destroyWorkflow(Workflow workflow) {
        String prefix = workflow.jobId() + "/";
        processes.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(prefix)) {
                e.getValue().descendants().forEach(ProcessHandle::destroyForcibly);
                e.getValue().destroyForcibly();
                return true;
            }
            return false;
        });
    }

    private Process require(Workflow workflow, Step step) throws IOException {
        Process process = processes.get(key(workflow, step));
        if (process == null) {
            throw new IOException("step " + step.name() + " was not started or was already destroyed");
        }
        return process;
    }

    private static String key(Workflow workflow, Step step) {
        return workflow.jobId() + "/" + step.name();
    }
}

package dev.slipway.runner.compute;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance output, one file per branch: {@code <root>/<appId>/<branchName>.log} (a branch name with slashes makes
 * subdirectories), which the control plane reads from the shared data directory. Lines are
 * {@code <ISO instant> <deploymentId> <line>}, appended, so an old and a new deployment of a branch interleave in one
 * file. Past {@code rotateAt} bytes the file moves to {@code .log.1} (replacing the previous one) and starts anew.
 * Thread-safe; files stay open until {@link #close()}.
 */
public final class ComputeLogFiles implements AutoCloseable {

    public static final long DEFAULT_ROTATE_AT = 10L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ComputeLogFiles.class);

    private final Path root;
    private final long rotateAt;
    private final Map<Path, LogFile> files = new ConcurrentHashMap<>();

    public ComputeLogFiles(Path root, long rotateAt) {
        this.root = root.toAbsolutePath().normalize();
        this.rotateAt = rotateAt;
    }

    /** @throws IllegalArgumentException when the names would lead outside the log root */
    public Path fileOf(String appId, String branchName) {
        if (appId == null || branchName == null || appId.isBlank() || branchName.isBlank()) {
            throw new IllegalArgumentException("a compute log needs an app id and a branch name");
        }
        Path file = root.resolve(appId).resolve(branchName + ".log").normalize();
        if (!file.startsWith(root.resolve(appId).normalize()) || !root.resolve(appId).normalize().startsWith(root)) {
            throw new IllegalArgumentException("unsafe log path for app '" + appId + "' branch '" + branchName + "'");
        }
        return file;
    }

    public void append(String appId, String branchName, String deploymentId, String line) {
        Path file = fileOf(appId, branchName);
        String text = Instant.now() + " " + deploymentId + " " + line + "\n";
        files.computeIfAbsent(file, LogFile::new).append(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        files.values().forEach(LogFile::close);
        files.clear();
    }

    private final class LogFile {
        private final Path path;
        private OutputStream out;
        private long size;
        private boolean warned;

        LogFile(Path path) {
            this.path = path;
        }

        synchronized void append(byte[] bytes) {
            try {
                if (out == null) {
                    open();
                }
                if (size > 0 && size + bytes.length > rotateAt) {
                    out.close();
                    Files.move(path, path.resolveSibling(path.getFileName() + ".1"),
                            StandardCopyOption.REPLACE_EXISTING);
                    open();
                }
                out.write(bytes);
                out.flush();
                size += bytes.length;
                warned = false;
            } catch (IOException e) {
                // a full disk must not stop the app; say so once per outage and try again with the next line
                if (!warned) {
                    log.warn("could not write compute log {}: {}", path, e.getMessage());
                    warned = true;
                }
                close();
            }
        }

        private void open() throws IOException {
            Files.createDirectories(path.getParent());
            out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            size = Files.size(path);
        }

        synchronized void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // nothing left to save
                }
                out = null;
            }
        }
    }
}

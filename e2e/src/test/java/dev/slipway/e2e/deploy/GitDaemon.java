package dev.slipway.e2e.deploy;

import dev.slipway.e2e.SlipwayStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code git daemon} serving the repositories under one directory over git://, on all of this machine's addresses:
 * the way a runner in a container reaches a git server outside it (the node's address, not localhost).
 */
final class GitDaemon implements AutoCloseable {

    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static GitDaemon serve(Path baseDir, Path log) throws IOException, InterruptedException {
        int port = SlipwayStack.freePort();
        Process process = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--listen=0.0.0.0",
                "--port=" + port, "--base-path=" + baseDir, baseDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return new GitDaemon(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("git daemon exited with " + process.exitValue() + " (log " + log + ")");
                }
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("git daemon did not listen on " + port + " (log " + log + ")");
    }

    /** The clone URL of {@code name} (a directory under the base) for a client that reaches this machine at {@code host}. */
    String url(String host, String name) {
        return "git://" + host + ":" + port + "/" + name;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

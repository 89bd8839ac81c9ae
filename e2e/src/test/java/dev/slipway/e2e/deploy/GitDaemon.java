package dev.slipway.e2e.deploy;

import dev.slipway.e2e.SlipwayStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code git daemon} serving the repositories under one directory over {@code git://}: a runner in a container
 * cannot read the test's files, so it clones as it would from a real git host.
 */
public final class GitDaemon implements AutoCloseable {

    private final Process process;
    private final String host;
    private final int port;

    private GitDaemon(Process process, String host, int port) {
        this.process = process;
        this.host = host;
        this.port = port;
    }

    /** Serves every repository under {@code base} on {@code address} (e.g. 127.0.0.1 for runners on the host network). */
    public static GitDaemon serve(Path base, String address) throws IOException, InterruptedException {
        int port = SlipwayStack.freePort();
        Process process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--informative-errors",
                "--base-path=" + base, "--listen=" + address, "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(base.resolveSibling("git-daemon.log").toFile())
                .start();
        GitDaemon daemon = new GitDaemon(process, address, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!daemon.answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                daemon.close();
                throw new IOException("git daemon did not listen on " + address + ":" + port + " (log: "
                        + base.resolveSibling("git-daemon.log") + ")");
            }
            Thread.sleep(100);
        }
        return daemon;
    }

    /** The clone URL of the repository in {@code base/<name>}. */
    public String url(String name) {
        return url(host, name);
    }

    /** The clone URL for a client that reaches this machine at {@code address} (a daemon listening on 0.0.0.0). */
    public String url(String address, String name) {
        return "git://" + address + ":" + port + "/" + name;
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.equals("0.0.0.0") ? "127.0.0.1" : host, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

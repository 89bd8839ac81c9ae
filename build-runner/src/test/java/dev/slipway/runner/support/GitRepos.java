package dev.slipway.runner.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** Real git repositories for tests: created with JGit, served by {@code git daemon}. */
public final class GitRepos {

    private GitRepos() {
    }

    /** Creates a non-bare repository {@code <base>/<name>} with one commit per map, on branch main. */
    @SafeVarargs
    public static RevCommit[] create(Path base, String name, Map<String, String>... commits) throws Exception {
        Path dir = base.resolve(name);
        RevCommit[] result = new RevCommit[commits.length];
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            for (int i = 0; i < commits.length; i++) {
                for (Map.Entry<String, String> file : commits[i].entrySet()) {
                    Path path = dir.resolve(file.getKey());
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                }
                git.add().addFilepattern(".").call();
                result[i] = git.commit().setMessage("commit " + (i + 1)).setAuthor("Test", "test@example.com")
                        .setCommitter("Test", "test@example.com").setSign(false).call();
            }
        }
        return result;
    }

    /** A running {@code git daemon}; close kills it. */
    public static final class Daemon implements AutoCloseable {
        private final Process process;
        private final int port;

        private Daemon(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        public static Daemon serve(Path basePath) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all",
                    "--base-path=" + basePath, "--port=" + port, "--listen=127.0.0.1", basePath.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Daemon daemon = new Daemon(process, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return daemon;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            daemon.close();
            throw new IllegalStateException("git daemon did not start");
        }

        public String url(String name) {
            return "git://127.0.0.1:" + port + "/" + name;
        }

        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

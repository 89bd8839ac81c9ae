package dev.slipway.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.executor.BuildExecutor;
import dev.slipway.runner.executor.DockerClients;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.executor.LocalProcessExecutor;
import dev.slipway.runner.git.GitCheckout;
import dev.slipway.runner.git.RepositoryPolicy;
import dev.slipway.runner.job.JobControl;
import dev.slipway.runner.job.JobExecutionService;
import dev.slipway.runner.job.JobExecutionSettings;
import dev.slipway.runner.job.JobReporter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * {@code ./slipway build [dir] [--out DIR] [--env NAME=value ...]}: builds the HEAD commit of a local repository
 * through the same {@link JobExecutionService} a runner uses for a leased job (checkout, spec, executor, artifacts),
 * prints the build log, and writes the deployment's files to a folder. Without a control plane, lease loop or compute
 * host, so users can debug an {@code amplify.yml} on their machine and see exactly what the runner would deploy.
 */
public final class LocalBuild {

    static final String COMMAND = "build";
    /** Written into the output folder, so a later build may empty it: a folder without it is never deleted. */
    static final String MARKER = ".slipway-build-output";

    private static final String USAGE = "usage: slipway build [dir] [--out DIR] [--env NAME=value ...]";

    private LocalBuild() {
    }

    public static void main(String[] args) {
        // no Spring Boot logging setup here: Logback's default would print every DEBUG line of JGit and docker-java
        // between the build's own log lines
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.exit(run(List.of(args), System.out));
    }

    /** @return the process exit code: 0 when the build SUCCEEDed and its files are in the output folder, else 1 or 2 */
    static int run(List<String> args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("[slipway] " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        Path temp = null;
        try {
            LeasedJob job = job(options);
            temp = Files.createTempDirectory("slipway-build-");
            FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
            BuildExecutor executor = executor();
            out.println("[slipway] Building " + job.commitId() + " of " + options.dir() + " (branch "
                    + job.branchName() + ") with the " + executor.name() + " executor");
            JobCompletion completion = service(executor, temp.resolve("work"), blobs)
                    .execute(job, new PrintingReporter(out), new JobControl());
            if (!"SUCCEED".equals(completion.status())) {
                out.println("[slipway] Build " + completion.status() + ": " + completion.reason());
                return 1;
            }
            int files = writeDeployment(blobs, completion.deployment().manifestHash(), options.out());
            out.println("[slipway] Build SUCCEED: " + files + " files in " + options.out());
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("[slipway] Build failed: " + e.getMessage());
            return 1;
        } finally {
            if (temp != null) {
                deleteTree(temp);
            }
        }
    }

    /** The job the control plane would lease for a push of this commit (see LeasedJobFactory). */
    static LeasedJob job(Options options) throws IOException {
        String branch;
        String commit;
        String repository;
        try (Repository repo = new FileRepositoryBuilder().findGitDir(options.dir().toFile()).setMustExist(true)
                .build()) {
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                throw new IOException(options.dir() + " has no commit yet: commit the files to build first");
            }
            commit = head.name();
            repository = repo.getWorkTree().toURI().toString();
            // a detached HEAD has no branch name; JGit then gives the sha, which is no branch an app would have
            branch = repo.getFullBranch() != null && repo.getFullBranch().startsWith("refs/heads/")
                    ? repo.getBranch() : "HEAD";
        } catch (IllegalArgumentException e) {
            throw new IOException(options.dir() + " is not in a git repository", e);
        }
        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("AWS_APP_ID", "local");
        platform.put("AWS_BRANCH", branch);
        platform.put("AWS_BRANCH_ARN", "arn:aws:amplify:local:000000000000:apps/local/branches/"
                + java.net.URLEncoder.encode(branch, java.nio.charset.StandardCharsets.UTF_8));
        platform.put("AWS_CLONE_URL", repository);
        platform.put("AWS_COMMIT_ID", commit);
        platform.put("AWS_JOB_ID", "0000000001");
        return new LeasedJob(1, "local", Long.MAX_VALUE, "local", branch, "1", "MANUAL", commit, repository, null,
                options.env(), platform, Map.of(), null);
    }

    /** Docker when an engine answers, as {@code slipway.runner.executor=auto}; SLIPWAY_EXECUTOR=local forces local. */
    private static BuildExecutor executor() {
        Path caBundle = Path.of(RunnerProperties.DEFAULT_CA_BUNDLE);
        if (!"local".equalsIgnoreCase(System.getenv("SLIPWAY_EXECUTOR"))) {
            String image = System.getenv().getOrDefault("SLIPWAY_BUILD_IMAGE", RunnerProperties.DEFAULT_IMAGE);
            DockerExecutor docker = new DockerExecutor(DockerClients.create(), image, caBundle,
                    RunnerProperties.defaultRunnerId());
            if (docker.isAvailable()) {
                return docker;
            }
        }
        return new LocalProcessExecutor(caBundle);
    }

    private static JobExecutionService service(BuildExecutor executor, Path workRoot, FileSystemBlobStore blobs) {
        JobExecutionSettings settings = new JobExecutionSettings(executor, workRoot,
                DurationStyle.detectAndParse(RunnerProperties.DEFAULT_BUILD_TIMEOUT),
                DataSize.parse(RunnerProperties.DEFAULT_MEMORY).toBytes(),
                (long) (Double.parseDouble(RunnerProperties.DEFAULT_CPUS) * 1_000_000_000L), "local-build",
                DataSize.parse(RunnerProperties.DEFAULT_MAX_LOG_SIZE).toBytes());
        // the local repository is the user's own, so the file:// refusal that protects a shared runner does not apply
        return new JobExecutionService(new GitCheckout(new RepositoryPolicy(true)), settings,
                new ArtifactCollector(blobs), new BuildCache(blobs));
    }

    /**
     * The deployment as a folder: every static path with its bytes, and an SSR bundle's files under
     * {@code compute/default/} (where Amplify's deploy manifest keeps them, so {@code node compute/default/<entrypoint>}
     * starts the server).
     *
     * @return how many files were written
     */
    static int writeDeployment(FileSystemBlobStore blobs, String manifestHash, Path out) throws IOException {
        DeploymentManifest manifest = DeploymentManifest.fromJson(blobs.read(manifestHash));
        prepareOutput(out);
        int written = write(blobs, manifest.files(), out);
        if (manifest.isSsr()) {
            written += write(blobs, manifest.compute().files(), out.resolve("compute").resolve("default"));
        }
        return written;
    }

    private static int write(FileSystemBlobStore blobs, SortedMap<String, ManifestEntry> files, Path root)
            throws IOException {
        for (Map.Entry<String, ManifestEntry> file : files.entrySet()) {
            // manifest paths are checked safe (relative, no ..) when the manifest is built
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            try (InputStream in = blobs.open(file.getValue().hash())) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return files.size();
    }

    /** Stale files of an earlier build would pass for this one's, so the folder starts empty. */
    private static void prepareOutput(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            boolean empty;
            try (var entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(out.resolve(MARKER))) {
                throw new IOException("output folder " + out + " is not empty and was not written by slipway build; "
                        + "choose another with --out");
            }
            deleteTree(out);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKER), "written by slipway build; emptied by the next one\n");
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            System.err.println("[slipway] could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Prints the log as it comes, the way the console shows it; steps and the completion show through the log. */
    private record PrintingReporter(PrintStream out) implements JobReporter {
        @Override
        public void step(StepReport report) {
        }

        @Override
        public void log(String line) {
            out.println(line);
        }

        @Override
        public void complete(JobCompletion completion) {
        }
    }

    record Options(Path dir, Path out, Map<String, String> env) {

        static Options parse(List<String> args) {
            Path dir = null;
            Path out = null;
            Map<String, String> env = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>(args);
            while (!rest.isEmpty()) {
                String arg = rest.removeFirst();
                switch (arg) {
                    case "--out" -> out = Path.of(value(arg, rest));
                    case "--env" -> {
                        String pair = value(arg, rest);
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--env takes NAME=value, not '" + pair + "'");
                        }
                        env.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    default -> {
                        if (arg.startsWith("-") || dir != null) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                        }
                        dir = Path.of(arg);
                    }
                }
            }
            dir = (dir == null ? Path.of(".") : dir).toAbsolutePath().normalize();
            out = (out == null ? dir.resolve(".slipway-build") : out).toAbsolutePath().normalize();
            return new Options(dir, out, env);
        }

        private static String value(String option, List<String> rest) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return rest.removeFirst();
        }
    }
}

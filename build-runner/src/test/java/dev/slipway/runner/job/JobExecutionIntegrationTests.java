package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.artifact.ManifestEntry;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LiveDeployment;
import dev.slipway.protocol.runner.StepReport;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.git.GitCheckout;
import dev.slipway.runner.git.RepositoryPolicy;
import dev.slipway.runner.spec.SpecLocator;
import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import dev.slipway.runner.support.RecordingReporter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline minus the HTTP client: real git daemon, real Docker, real blob store. */
class JobExecutionIntegrationTests {

    private static final String SPEC = """
            version: 1
            frontend:
              phases:
                preBuild:
                  commands:
                    - mkdir -p dist
                build:
                  commands:
                    - echo "<h1>Hello from $AWS_BRANCH ($GREETING)</h1>" > dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;

    private static final String DIFF_SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p dist && cp src/app.txt dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;
    private static final Map<String, String> DIFF = Map.of("AMPLIFY_DIFF_DEPLOY", "true");

    private static DockerExecutor executor;

    @TempDir
    Path temp;

    @BeforeAll
    static void engine() throws Exception {
        executor = BuildImage.executor("job-execution-tests");
    }

    @Test
    void buildsAndDeploysIndexHtmlUsingAwsBranch() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("data/blobs"));
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), "site", Map.of("amplify.yml", SPEC));
        RecordingReporter reporter = new RecordingReporter();
        JobCompletion completion;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            completion = service(blobs).execute(job(daemon.url("site"), commits[0].name()), reporter, new JobControl());
        }

        assertThat(completion.status()).as(reporter.log()).isEqualTo("SUCCEED");
        assertThat(reporter.completions).containsExactly(completion);
        DeploymentManifest manifest = DeploymentManifest.fromJson(blobs.read(completion.deployment().manifestHash()));
        ManifestEntry index = manifest.files().get("index.html");
        assertThat(manifest.files()).containsOnlyKeys("index.html");
        assertThat(new String(blobs.read(index.hash()), StandardCharsets.UTF_8))
                .isEqualTo("<h1>Hello from main (from the branch)</h1>\n");
        assertThat(completion.deployment().fileCount()).isEqualTo(1);
        assertThat(reporter.steps).extracting(s -> s.stepName() + " " + s.status()).containsExactly(
                "BUILD RUNNING", "BUILD RUNNING", "BUILD SUCCEED", "DEPLOY RUNNING", "DEPLOY SUCCEED", "VERIFY RUNNING",
                "VERIFY SUCCEED");
        assertThat(reporter.steps.get(1).resolvedCommitId()).isEqualTo(commits[0].name());
        assertThat(reporter.lines).contains("## Starting phase: build",
                "# Executing command: echo \"<h1>Hello from $AWS_BRANCH ($GREETING)</h1>\" > dist/index.html");
        assertThat(reporter.lines.getLast()).matches(
                "\\[slipway] timings: clone=\\d+ container=\\d+ commands=\\d+ artifacts=\\d+ cache=\\d+ overhead=\\d+");
        assertThat(reporter.log()).doesNotContain("from the branch");
        assertThat(temp.resolve("data/runner/work/41")).doesNotExist();
    }

    @Test
    void malformedSpecFailsWithItsLineNumber() throws Exception {
        String broken = "version: 1\nfrontend:\n  phases:\n    build:\n      commands:\n        - echo ok\n"
                + "  artifacts: [unclosed\n";
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), "broken", Map.of("amplify.yml", broken));
        RecordingReporter reporter = new RecordingReporter();
        JobCompletion completion;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            completion = service(new FileSystemBlobStore(temp.resolve("blobs")))
                    .execute(job(daemon.url("broken"), commits[0].name()), reporter, new JobControl());
        }
        assertThat(completion.status()).isEqualTo("FAILED");
        assertThat(completion.reason()).matches("amplify\\.yml line [1-9]\\d*: .+");
        assertThat(reporter.lines).contains(completion.reason());
        assertThat(reporter.steps.getLast()).isEqualTo(new StepReport("BUILD", "FAILED", completion.reason(), null, null));
    }

    @Test
    void failingCommandAndMissingSpecAreReasons() throws Exception {
        String failing = SPEC.replace("- mkdir -p dist", "- test -f missing-file");
        RevCommit[] a = GitRepos.create(temp.resolve("served"), "failing", Map.of("amplify.yml", failing));
        RevCommit[] b = GitRepos.create(temp.resolve("served"), "nospec", Map.of("README.md", "hi"));
        JobExecutionService service = service(new FileSystemBlobStore(temp.resolve("blobs")));
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            JobCompletion failed = service.execute(job(daemon.url("failing"), a[0].name()), new RecordingReporter(),
                    new JobControl());
            assertThat(failed.reason()).isEqualTo("Command failed with exit code 1: test -f missing-file");
            JobCompletion none = service.execute(job(daemon.url("nospec"), null), new RecordingReporter(),
                    new JobControl());
            assertThat(none.reason()).isEqualTo(SpecLocator.NO_SPEC).startsWith("no amplify.yml in the repository");
        }
    }

    @Test
    void withoutAnySpecAViteAppAndAPlainSiteBuildWithAmplifysDefaultSpec() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        RevCommit[] vite = GitRepos.create(temp.resolve("served"), "vite", Map.of(
                "package.json", """
                        {"name":"vite-site","private":true,"type":"module","scripts":{"build":"vite build"},
                         "devDependencies":{"vite":"^6.0.0"}}""",
                "index.html", "<!doctype html><title>v</title><script type=\"module\" src=\"/main.js\"></script>",
                "main.js", "document.title = 'built by vite';"));
        RevCommit[] plain = GitRepos.create(temp.resolve("served"), "plain", Map.of("index.html", "<h1>plain</h1>",
                "css/site.css", "h1{}"));
        RevCommit[] hugo = GitRepos.create(temp.resolve("served"), "hugo", Map.of("hugo.toml", "title = 'h'\n",
                "layouts/index.html", "<h1>{{ .Site.Title }} by hugo</h1>"));
        RecordingReporter hugoLog = new RecordingReporter();
        RecordingReporter viteLog = new RecordingReporter();
        RecordingReporter plainLog = new RecordingReporter();
        JobCompletion viteBuilt;
        JobCompletion plainBuilt;
        JobCompletion hugoBuilt;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            viteBuilt = service(blobs).execute(job(daemon.url("vite"), vite[0].name()), viteLog, new JobControl());
            plainBuilt = service(blobs).execute(job(daemon.url("plain"), plain[0].name()), plainLog, new JobControl());
            hugoBuilt = service(blobs).execute(job(daemon.url("hugo"), hugo[0].name()), hugoLog, new JobControl());
        }
        assertThat(viteBuilt.status()).as(viteLog.log()).isEqualTo("SUCCEED");
        assertThat(viteLog.lines).contains("[slipway] Using build spec from the default build spec for Vite",
                "# Executing command: npm run build").anyMatch(line -> line.matches("\\[slipway] +baseDirectory: dist"));
        assertThat(viteBuilt.detectedBuildSpec()).contains("npm install --cache .npm --prefer-offline",
                "baseDirectory: dist");
        DeploymentManifest viteSite = DeploymentManifest.fromJson(blobs.read(viteBuilt.deployment().manifestHash()));
        assertThat(viteSite.files()).containsKey("index.html").anySatisfy((path, entry) ->
                assertThat(path).matches("assets/index-.+\\.js"));

        assertThat(plainBuilt.status()).as(plainLog.log()).isEqualTo("SUCCEED");
        assertThat(plainBuilt.detectedBuildSpec()).contains("baseDirectory: /");
        DeploymentManifest plainSite = DeploymentManifest.fromJson(blobs.read(plainBuilt.deployment().manifestHash()));
        assertThat(plainSite.files()).as("never the repository's .git").containsOnlyKeys("index.html", "css/site.css");

        assertThat(hugoBuilt.status()).as(hugoLog.log()).isEqualTo("SUCCEED");
        assertThat(hugoLog.lines).contains("[slipway] Using build spec from the default build spec for Hugo");
        DeploymentManifest hugoSite = DeploymentManifest.fromJson(blobs.read(hugoBuilt.deployment().manifestHash()));
        assertThat(new String(blobs.read(hugoSite.files().get("index.html").hash()), StandardCharsets.UTF_8))
                .contains("<h1>h by hugo</h1>");
    }

    @Test
    void secretsReachTheBuildMaskedAndStopADeployThatContainsThem() throws Exception {
        String secret = "tok-12345 s3cret/value";
        String spec = """
                version: 1
                frontend:
                  phases:
                    build:
                      commands:
                        - mkdir -p dist && echo '<h1>ok</h1>' > dist/index.html
                        - echo "plain $API_TOKEN"
                        - printf '%s' "$API_TOKEN" | base64
                        - node -e 'console.log(encodeURIComponent(process.env.API_TOKEN))'
                        - test "$API_TOKEN" = 'VALUE'
                  artifacts:
                    baseDirectory: dist
                    files:
                      - '**/*'
                """.replace("VALUE", secret);
        String leaking = spec.replace("- test \"$API_TOKEN\"", "- echo \"const k='$API_TOKEN'\" > dist/app.js\n        - test \"$API_TOKEN\"");
        RevCommit[] ok = GitRepos.create(temp.resolve("served"), "masked", Map.of("amplify.yml", spec));
        RevCommit[] leak = GitRepos.create(temp.resolve("served"), "leak", Map.of("amplify.yml", leaking));
        JobExecutionService service = service(new FileSystemBlobStore(temp.resolve("blobs")));
        RecordingReporter masked = new RecordingReporter();
        RecordingReporter stopped = new RecordingReporter();
        JobCompletion built;
        JobCompletion refused;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            built = service.execute(job(daemon.url("masked"), ok[0].name(), Map.of("API_TOKEN", secret)), masked,
                    new JobControl());
            refused = service.execute(job(daemon.url("leak"), leak[0].name(), Map.of("API_TOKEN", secret)), stopped,
                    new JobControl());
        }
        assertThat(built.status()).as(masked.log()).isEqualTo("SUCCEED");
        assertThat(masked.lines).contains("plain ***", "***");
        assertThat(masked.log()).doesNotContain("s3cret", "tok-12345", "dG9rLTEyMzQ1IHMzY3JldC92YWx1ZQ", "tok-12345%20");
        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.reason()).isEqualTo("Secret API_TOKEN found in dist/app.js; the deploy was stopped");
        assertThat(stopped.steps.getLast()).isEqualTo(new StepReport("DEPLOY", "FAILED", refused.reason(), null, null));
        assertThat(stopped.log()).doesNotContain("s3cret");
    }

    /** AMPLIFY_DIFF_DEPLOY against a real git daemon (the earlier commit is fetched into the shallow checkout). */
    @Test
    void aCommitThatChangesNothingUnderSrcKeepsTheLiveDeploymentAndOneThatDoesBuilds() throws Exception {
        RevCommit[] commits = GitRepos.create(temp.resolve("served"), "site",
                Map.of("amplify.yml", DIFF_SPEC, "src/app.txt", "v1", "README.md", "a"),
                Map.of("README.md", "b"),
                Map.of("src/app.txt", "v2"));
        LiveDeployment live = new LiveDeployment(commits[0].name(), "a".repeat(64), 1, 2);
        JobExecutionService service = service(new FileSystemBlobStore(temp.resolve("blobs")));
        RecordingReporter readmeOnly = new RecordingReporter();
        RecordingReporter srcChanged = new RecordingReporter();
        RecordingReporter wholeRepository = new RecordingReporter();
        RecordingReporter retried = new RecordingReporter();
        JobCompletion skipped;
        JobCompletion built;
        JobCompletion builtForRoot;
        JobCompletion builtForRetry;
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(temp.resolve("served"))) {
            String url = daemon.url("site");
            skipped = service.execute(diffJob(url, commits[1], "RELEASE", DIFF, live), readmeOnly, new JobControl());
            built = service.execute(diffJob(url, commits[2], "RELEASE", DIFF, live), srcChanged, new JobControl());
            builtForRoot = service.execute(diffJob(url, commits[1], "RELEASE",
                    Map.of("AMPLIFY_DIFF_DEPLOY", "true", "AMPLIFY_DIFF_DEPLOY_ROOT", "/"), live), wholeRepository,
                    new JobControl());
            builtForRetry = service.execute(diffJob(url, commits[1], "RETRY", DIFF, live), retried, new JobControl());
        }

        assertThat(skipped.status()).as(readmeOnly.log()).isEqualTo("SUCCEED");
        assertThat(skipped.deployment()).isEqualTo(live.asUpload());
        assertThat(readmeOnly.log()).contains("AMPLIFY_DIFF_DEPLOY: nothing changed under src/ since "
                + commits[0].name()).doesNotContain("## Starting phase");

        assertThat(built.status()).as(srcChanged.log()).isEqualTo("SUCCEED");
        assertThat(built.deployment().manifestHash()).isNotEqualTo(live.manifestHash());
        assertThat(srcChanged.log()).contains("AMPLIFY_DIFF_DEPLOY: src/ changed since " + commits[0].name());

        assertThat(builtForRoot.deployment().manifestHash()).as(wholeRepository.log())
                .isNotEqualTo(live.manifestHash());
        assertThat(wholeRepository.log()).contains("AMPLIFY_DIFF_DEPLOY: the repository changed since");
        assertThat(builtForRetry.deployment().manifestHash()).as(retried.log()).isNotEqualTo(live.manifestHash());
    }

    private static LeasedJob diffJob(String repository, RevCommit commit, String type, Map<String, String> env,
                                     LiveDeployment live) {
        return new LeasedJob(41, "lease-1", 60_000, "d1test", "main", "2", type, commit.name(), repository, null, env,
                Map.of("AWS_BRANCH", "main", "AWS_APP_ID", "d1test", "AWS_JOB_ID", "0000000002"), Map.of(), null,
                true, live);
    }

    private JobExecutionService service(FileSystemBlobStore blobs) {
        return service(executor, temp, blobs, Duration.ofMinutes(2), 512L << 20);
    }

    static JobExecutionService service(DockerExecutor executor, Path temp, FileSystemBlobStore blobs, Duration timeout,
                                       long memoryBytes) {
        JobExecutionSettings settings = new JobExecutionSettings(executor, temp.resolve("data/runner/work"),
                timeout, memoryBytes, 1_000_000_000L, "job-execution-tests");
        return new JobExecutionService(new GitCheckout(new RepositoryPolicy(false)), settings,
                new ArtifactCollector(blobs), new BuildCache(blobs));
    }

    private static LeasedJob job(String repository, String commitId) {
        return job(repository, commitId, Map.of());
    }

    static LeasedJob job(String repository, String commitId, Map<String, String> secrets) {
        return job(repository, commitId, secrets, Map.of("GREETING", "from the branch"));
    }

    static LeasedJob job(String repository, String commitId, Map<String, String> secrets, Map<String, String> env) {
        return job(repository, commitId, secrets, env, null);
    }

    static LeasedJob job(String repository, String commitId, Map<String, String> secrets, Map<String, String> env,
                         String cacheHash) {
        return new LeasedJob(41, "lease-1", 60_000, "d1test", "main", "1", "RELEASE", commitId, repository, null, env,
                Map.of("AWS_BRANCH", "main", "AWS_APP_ID", "d1test", "AWS_JOB_ID", "0000000001"), secrets, cacheHash);
    }
}

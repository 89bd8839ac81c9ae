package dev.slipway.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.slipway.runner.support.BuildImage;
import dev.slipway.runner.support.GitRepos;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway build} on a real local repository, through the Docker executor (the engine answers in tests). */
class LocalBuildIntegrationTests {

    private static final String SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p dist/about
                    - echo "<h1>$GREETING on $AWS_BRANCH at $AWS_COMMIT_ID ($AWS_APP_ID/$AWS_JOB_ID)</h1>" > dist/index.html
                    - echo about > dist/about/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;

    @TempDir
    Path temp;

    @BeforeAll
    static void image() throws Exception {
        BuildImage.ensure();
    }

    @Test
    void buildsHeadIntoTheOutputFolderWithTheGivenEnvironment() throws Exception {
        RevCommit[] commits = GitRepos.create(temp, "site", Map.of("amplify.yml", SPEC));
        Path repo = temp.resolve("site");
        Path out = temp.resolve("out");

        Result result = build(repo.toString(), "--out", out.toString(), "--env", "GREETING=hello there");

        assertThat(result.status).as(result.output).isZero();
        assertThat(out.resolve("index.html")).content(StandardCharsets.UTF_8).isEqualTo(
                "<h1>hello there on main at " + commits[0].name() + " (local/0000000001)</h1>\n");
        assertThat(out.resolve("about/index.html")).content(StandardCharsets.UTF_8).isEqualTo("about\n");
        assertThat(result.output).contains("## Starting phase: build", "Build SUCCEED: 2 files in " + out);

        // a second build replaces the first one's files instead of mixing with them
        Files.writeString(out.resolve("stale.html"), "old");
        assertThat(build(repo.toString(), "--out", out.toString()).status).isZero();
        assertThat(out.resolve("stale.html")).doesNotExist();
        assertThat(out.resolve("index.html")).content(StandardCharsets.UTF_8).startsWith("<h1> on main");
    }

    @Test
    void aFailingSpecExitsNonZeroWithTheReasonAndWritesNothing() throws Exception {
        GitRepos.create(temp, "failing", Map.of("amplify.yml", SPEC.replace("- mkdir -p dist/about", "- exit 3")));
        Path repo = temp.resolve("failing");

        Result result = build(repo.toString());

        assertThat(result.status).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("[slipway] Build FAILED: Build failed with exit code 3");
        assertThat(repo.resolve(".slipway-build")).doesNotExist();
    }

    @Test
    void refusesToEmptyAFolderItDidNotWriteAndRejectsBadArguments() throws Exception {
        GitRepos.create(temp, "site", Map.of("amplify.yml", SPEC));
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(mine.resolve("keep.txt"), "precious");

        Result result = build(temp.resolve("site").toString(), "--out", mine.toString());

        assertThat(result.status).isEqualTo(1);
        assertThat(result.output).contains("is not empty and was not written by slipway build");
        assertThat(mine.resolve("keep.txt")).hasContent("precious");
        assertThat(build("--env", "NOEQUALS").status).isEqualTo(2);
    }

    private record Result(int status, String output) {
    }

    private static Result build(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = LocalBuild.run(List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(status, bytes.toString(StandardCharsets.UTF_8));
    }
}

package dev.slipway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository holding a small site and its amplify.yml. */
public final class SiteRepository implements AutoCloseable {

    public static final String AMPLIFY_YML = """
            version: 1
            frontend:
              phases:
                preBuild:
                  commands:
                    - echo "building $AWS_BRANCH job $AWS_JOB_ID"
                build:
                  commands:
                    - mkdir -p dist
                    - cp -r site/* dist/
                    - echo "<p>$GREETING from $AWS_BRANCH</p>" >> dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;

    private final Git git;
    public final Path dir;

    private SiteRepository(Path dir) throws GitAPIException {
        this.dir = dir;
        this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    public static SiteRepository create(Path dir) throws GitAPIException, IOException {
        SiteRepository repo = new SiteRepository(dir);
        Files.writeString(dir.resolve("amplify.yml"), AMPLIFY_YML);
        Files.createDirectories(dir.resolve("site/css"));
        Files.writeString(dir.resolve("site/css/site.css"), "body { font-family: sans-serif; }\n");
        return repo;
    }

    /** A repository around files already in {@code dir} (an app a generator made). */
    public static SiteRepository init(Path dir) throws GitAPIException {
        return new SiteRepository(dir);
    }

    /** Commits everything in the working tree but what .gitignore excludes. */
    public RevCommit commitAll(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("Dev", "dev@example.test")
                .setCommitter("Dev", "dev@example.test").call();
    }

    public RevCommit commitPage(String heading) throws IOException, GitAPIException {
        Files.writeString(dir.resolve("site/index.html"), "<!doctype html><h1>" + heading + "</h1>\n");
        git.add().addFilepattern(".").call();
        return git.commit().setMessage("Publish " + heading).setAuthor("Dev", "dev@example.test")
                .setCommitter("Dev", "dev@example.test").call();
    }

    /** Commits a page together with a different amplify.yml. */
    public RevCommit commitPage(String heading, String amplifyYml) throws IOException, GitAPIException {
        Files.writeString(dir.resolve("amplify.yml"), amplifyYml);
        return commitPage(heading);
    }

    public String url() {
        return dir.toUri().toString();
    }

    @Override
    public void close() {
        git.close();
    }
}

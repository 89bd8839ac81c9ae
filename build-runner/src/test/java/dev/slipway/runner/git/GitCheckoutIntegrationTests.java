package dev.slipway.runner.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.slipway.runner.support.GitRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real repositories served by a real git daemon. */
class GitCheckoutIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void fetchesAnExactCommitAndTheBranchHeadOverGitProtocol() throws Exception {
        Path served = Files.createDirectories(temp.resolve("served"));
        RevCommit[] commits = GitRepos.create(served, "site",
                Map.of("index.html", "v1"), Map.of("index.html", "v2"));
        GitCheckout git = new GitCheckout(new RepositoryPolicy(false));
        try (GitRepos.Daemon daemon = GitRepos.Daemon.serve(served)) {
            GitCheckout.CheckedOut first = git.checkout(daemon.url("site"), commits[0].name(), "main",
                    temp.resolve("by-sha"));
            assertThat(first.commitId()).isEqualTo(commits[0].name());
            assertThat(first.message()).isEqualTo("commit 1");
            assertThat(Files.readString(temp.resolve("by-sha/index.html"))).isEqualTo("v1");

            GitCheckout.CheckedOut head = git.checkout(daemon.url("site"), null, "main", temp.resolve("by-branch"));
            assertThat(head.commitId()).isEqualTo(commits[1].name());
            assertThat(head.message()).isEqualTo("commit 2");
            assertThat(Files.readString(temp.resolve("by-branch/index.html"))).isEqualTo("v2");
            try (Git clone = Git.open(temp.resolve("by-branch").toFile())) {
                assertThat(clone.log().call()).hasSize(1);
            }

            assertThatThrownBy(() -> git.checkout(daemon.url("site"), null, "nope", temp.resolve("missing")))
                    .isInstanceOf(GitCheckout.CheckoutException.class).hasMessageContaining("branch nope");
        }
    }

    @Test
    void fileRepositoriesOnlyWhenAllowed() throws Exception {
        RevCommit[] commits = GitRepos.create(temp, "local", Map.of("a.txt", "a"));
        String fileUrl = temp.resolve("local").toUri().toString();
        GitCheckout refusing = new GitCheckout(new RepositoryPolicy(false));
        assertThatThrownBy(() -> refusing.checkout(fileUrl, commits[0].name(), "main", temp.resolve("x")))
                .hasMessageContaining("SLIPWAY_ALLOW_FILE_REPOS");
        assertThatThrownBy(() -> refusing.checkout(temp.resolve("local").toString(), null, "main", temp.resolve("y")))
                .hasMessageContaining("refused");
        assertThat(temp.resolve("x")).doesNotExist();

        GitCheckout allowing = new GitCheckout(new RepositoryPolicy(true));
        assertThat(allowing.checkout(fileUrl, commits[0].name(), "main", temp.resolve("z")).commitId())
                .isEqualTo(commits[0].name());
    }

    @Test
    void policyAcceptsRemoteTransports() {
        RepositoryPolicy policy = new RepositoryPolicy(false);
        assertThat(policy.refusal("https://github.com/a/b.git")).isNull();
        assertThat(policy.refusal("git@github.com:a/b.git")).isNull();
        assertThat(policy.refusal("ssh://git@host/a.git")).isNull();
        assertThat(policy.refusal("ftp://host/a.git")).contains("not supported");
        assertThat(RepositoryPolicy.redact("https://user:tok@host/a.git")).isEqualTo("https://***@host/a.git");
    }
}

package dev.slipway.controlplane.hoststatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitHostTests {

    @Test
    void repositoryAndApiComeFromTheCloneUrl() {
        GitHost.RepositoryLocation github = GitHost.RepositoryLocation.of("https://github.com/you/site.git").orElseThrow();
        assertThat(github).isEqualTo(new GitHost.RepositoryLocation("github.com", "you/site"));
        assertThat(GitHost.GITHUB.defaultApiUrl(github.host())).contains("https://api.github.com");

        GitHost.RepositoryLocation gitlab = GitHost.RepositoryLocation.of("git@GitLab.example.com:group/sub/project.git")
                .orElseThrow();
        assertThat(gitlab).isEqualTo(new GitHost.RepositoryLocation("gitlab.example.com", "group/sub/project"));
        assertThat(GitHost.GITLAB.defaultApiUrl(gitlab.host())).contains("https://gitlab.example.com/api/v4");
        assertThat(GitHost.GITHUB.defaultApiUrl("ghe.corp.example")).contains("https://ghe.corp.example/api/v3");
        assertThat(GitHost.GITEA.defaultApiUrl("code.example")).contains("https://code.example/api/v1");
        assertThat(GitHost.BITBUCKET.defaultApiUrl("bitbucket.org")).contains("https://api.bitbucket.org/2.0");

        assertThat(GitHost.RepositoryLocation.of("file:///srv/git/site")).isEmpty();
        assertThat(GitHost.RepositoryLocation.of("https://git.example/only-one-segment")).isEmpty();
        assertThat(GitHost.RepositoryLocation.of("https://bad host/x/y")).isEmpty();
        assertThat(GitHost.GITEA.defaultApiUrl(null)).isEmpty();
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        GitHostProperties properties = new GitHostProperties(Duration.ofSeconds(2), Duration.ofMinutes(1), 10,
                Duration.ofSeconds(10), Duration.ofSeconds(1), "");
        assertThat(properties.backoff(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(properties.backoff(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(properties.backoff(5)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(32));
        assertThat(properties.backoff(6)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
        assertThat(properties.backoff(60)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
    }

    @Test
    void bitbucketKeysStayWithinFortyCharactersAndDistinct() {
        String longContext = "slipway/d1abcdefghijkl/feature-a-very-long-branch-name-";
        assertThat(BitbucketApi.key("slipway/app/pr-2")).isEqualTo("slipway/app/pr-2");
        assertThat(BitbucketApi.key(longContext + "one")).hasSize(40)
                .isNotEqualTo(BitbucketApi.key(longContext + "two"));
    }
}

package dev.slipway.controlplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pull/merge request fixtures read into the fields previews need, as each host really sends them. */
class ProviderParsingTests {

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', textBlock = """
            github    | pull_request-opened              | PULL_REQUEST_OPENED   | 2   | changes                   | master | false
            github    | pull_request-synchronize         | PULL_REQUEST_UPDATED  | 2   | changes                   | master | false
            github    | pull_request-closed-merged       | PULL_REQUEST_MERGED   | 117 | issue-111-robvanderleek-patch-1 | main | false
            github    | pull_request-closed-unmerged     | PULL_REQUEST_CLOSED   | 2   | changes                   | master | false
            gitlab    | merge_request-open               | PULL_REQUEST_OPENED   | 3   | real6543-main-patch-42541 | main   | false
            gitlab    | merge_request-update-new-commits | PULL_REQUEST_UPDATED  | 3   | anbraten-main-patch-05373 | main   | false
            gitlab    | merge_request-update-title-only  | PULL_REQUEST_EDITED   | 3   | real6543-main-patch-42541 | main   | false
            gitlab    | merge_request-close              | PULL_REQUEST_CLOSED   | 4   | patch-1                   | main   | false
            gitea     | pull_request-opened              | PULL_REQUEST_OPENED   | 2   | master                    | master | true
            gitea     | pull_request-synchronized        | PULL_REQUEST_UPDATED  | 2   | test-patch-1              | main   | false
            gitea     | pull_request-merged              | PULL_REQUEST_MERGED   | 1   | anbraten-patch-1          | main   | false
            gitea     | pull_request-edited-signed       | PULL_REQUEST_EDITED   | 1   | feature                   | master | false
            bitbucket | pullrequest-created              | PULL_REQUEST_OPENED   | 1   | develop                   | master | false
            bitbucket | pullrequest-fulfilled-2          | PULL_REQUEST_MERGED   | 1   | patch-2                   | main   | false
            bitbucket | pullrequest-rejected             | PULL_REQUEST_CLOSED   | 2   | develop                   | master | false
            """)
    void pullRequestFields(String provider, String fixture, ProviderEvent.Kind kind, long number, String source,
            String destination, boolean fork) throws Exception {
        WebhookProvider reader = switch (provider) {
            case "github" -> new GitHubProvider();
            case "gitlab" -> new GitLabProvider();
            case "gitea" -> new GiteaProvider();
            default -> new BitbucketProvider();
        };
        ProviderEvent event = reader.parse(ProviderSignaturesTests.headers(provider, fixture),
                Fixtures.body(provider, fixture));
        assertThat(event.kind()).isEqualTo(kind);
        assertThat(event.provider()).isEqualTo(provider);
        assertThat(event.deliveryId()).isNotBlank();
        assertThat(event.commitId()).matches("[0-9a-f]{12,40}");
        assertThat(event.pullRequest()).isEqualTo(new ProviderEvent.PullRequest(number, source, destination, fork));
    }
}

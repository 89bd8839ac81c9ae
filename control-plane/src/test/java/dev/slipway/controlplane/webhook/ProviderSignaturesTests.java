package dev.slipway.controlplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every signature vector and every signed fixture verifies exactly as the fixtures README says. */
class ProviderSignaturesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, WebhookProvider> PROVIDERS = Map.of("github", new GitHubProvider(),
            "gitlab", new GitLabProvider(), "gitea", new GiteaProvider(), "bitbucket", new BitbucketProvider());
    private static final Map<String, String> SECRETS = Map.of("github", "It's a Secret to Everybody",
            "gitlab", "fixture-gitlab-token", "gitea", "fixture-gitea-secret", "bitbucket", "fixture-bitbucket-secret");

    @TestFactory
    List<DynamicTest> signatureVectors() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String provider : List.of("github", "gitea")) {
            Path dir = Fixtures.dir().resolve("webhooks").resolve(provider);
            for (JsonNode vector : JSON.readTree(Files.readString(dir.resolve("signature-vectors.json"))).path("vectors")) {
                byte[] payload = vector.has("payloadFile")
                        ? Files.readAllBytes(dir.resolve(vector.path("payloadFile").asString()))
                        : vector.path("payload").asString().getBytes(StandardCharsets.UTF_8);
                HttpHeaders headers = new HttpHeaders();
                if (!vector.path("headerValue").isNull()) {
                    headers.add(vector.path("header").asString(), vector.path("headerValue").asString());
                }
                tests.add(DynamicTest.dynamicTest(provider + ": " + vector.path("id").asString(), () -> assertThat(
                        PROVIDERS.get(provider).verify(headers, payload, vector.path("secret").asString()))
                        .isEqualTo(vector.path("valid").asBoolean())));
            }
        }
        assertThat(tests).hasSize(13);
        return tests;
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureIsSignedWithItsFolderSecretAndFailsWhenTampered() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String provider : SECRETS.keySet()) {
            for (String fixture : fixtureNames(provider)) {
                String secret = fixture.equals("pull_request-edited-signed")
                        ? "71295b197fa25f4356d2fb9965df3f2379d903d7" : SECRETS.get(provider);
                tests.add(DynamicTest.dynamicTest(provider + "/" + fixture, () -> {
                    HttpHeaders headers = headers(provider, fixture);
                    byte[] body = Fixtures.body(provider, fixture);
                    assertThat(PROVIDERS.get(provider).verify(headers, body, secret)).isTrue();
                    assertThat(PROVIDERS.get(provider).verify(headers, body, secret + "x")).isFalse();
                    if (!provider.equals("gitlab")) {
                        byte[] tampered = body.clone();
                        tampered[tampered.length / 2] ^= 1;
                        assertThat(PROVIDERS.get(provider).verify(headers, tampered, secret)).isFalse();
                    }
                }));
            }
        }
        assertThat(tests).hasSize(45);
        return tests.stream();
    }

    @Test
    void legacyAndCopiedHeadersAreAcceptedOnlyWhenThePrimaryIsAbsent() throws Exception {
        byte[] body = Fixtures.body("gitea", "push");
        HttpHeaders hubOnly = headers("gitea", "push");
        hubOnly.remove("X-Gitea-Signature");
        hubOnly.remove("X-Gogs-Signature");
        assertThat(PROVIDERS.get("gitea").verify(hubOnly, body, SECRETS.get("gitea"))).isTrue();
        hubOnly.remove("X-Hub-Signature-256");
        assertThat(PROVIDERS.get("gitea").verify(hubOnly, body, SECRETS.get("gitea"))).as("sha1 copy").isTrue();

        HttpHeaders wrongPrimary = headers("github", "push-branch");
        wrongPrimary.set("X-Hub-Signature-256", "sha256=" + "0".repeat(64));
        assertThat(PROVIDERS.get("github").verify(wrongPrimary, Fixtures.body("github", "push-branch"),
                SECRETS.get("github"))).as("a wrong sha256 is not rescued by a valid sha1").isFalse();
    }

    @Test
    void gitlabTokenMustMatchExactly() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Gitlab-Token", "fixture-gitlab-toke");
        assertThat(PROVIDERS.get("gitlab").verify(headers, new byte[0], "fixture-gitlab-token")).isFalse();
        headers.set("X-Gitlab-Token", "fixture-gitlab-token");
        assertThat(PROVIDERS.get("gitlab").verify(headers, new byte[0], "fixture-gitlab-token")).isTrue();
        assertThat(PROVIDERS.get("gitlab").verify(new HttpHeaders(), new byte[0], "fixture-gitlab-token")).isFalse();
    }

    static List<String> fixtureNames(String provider) throws Exception {
        try (Stream<Path> files = Files.list(Fixtures.dir().resolve("webhooks").resolve(provider))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".headers"))
                    .map(name -> name.substring(0, name.length() - ".headers".length())).sorted().toList();
        }
    }

    static HttpHeaders headers(String provider, String fixture) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        Fixtures.headers(provider, fixture).forEach(headers::add);
        return headers;
    }
}

package dev.slipway.runner.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.buildspec.BuildSpecException;
import dev.slipway.protocol.buildspec.BuildSpecParser;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.Header;
import dev.slipway.runner.spec.BuildPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomHttpCaptureTests {

    @TempDir
    Path repo;

    private final List<String> log = new ArrayList<>();

    @Test
    void noFileMeansNoHeaders() throws Exception {
        assertThat(CustomHttpCapture.read(repo, plan(null), log::add)).isEqualTo(CustomHeaders.NONE);
    }

    @Test
    void readsTheRootFileForTheMonorepoApp() throws Exception {
        Files.writeString(repo.resolve("customHttp.yml"), """
                applications:
                  - appRoot: apps/web
                    customHeaders:
                      - pattern: '**'
                        headers: [ { key: X-Frame-Options, value: DENY } ]
                """);
        CustomHeaders headers = CustomHttpCapture.read(repo, plan("apps/web"), log::add);
        assertThat(headers.rules().getFirst().headers()).containsExactly(new Header("X-Frame-Options", "DENY"));
        assertThat(log).contains("[slipway] customHttp.yml: 1 header patterns");
    }

    @Test
    void aBrokenFileFailsTheDeployStepWithTheLine() throws Exception {
        Files.writeString(repo.resolve("customHttp.yml"), "customHeaders:\n  - pattern: '**'\n    headers: 5\n");
        assertThatThrownBy(() -> CustomHttpCapture.read(repo, plan(null), log::add))
                .isInstanceOf(BuildFailure.class).hasMessageStartingWith("customHttp.yml line 3: ");
    }

    @Test
    void legacyHeadersOfTheBuildSpecApplyWithoutTheFileAndTheFileWinsAsAWhole() throws Exception {
        BuildSpec spec = BuildSpecParser.parse("""
                version: 1
                frontend:
                  phases:
                    build:
                      commands: [ 'true' ]
                  artifacts:
                    baseDirectory: dist
                    files: [ '**/*' ]
                  customHeaders:
                    - pattern: '**/*.js'
                      headers:
                        - key: Cache-Control
                          value: max-age=31536000
                """, "amplify.yml");
        assertThat(spec.warnings()).singleElement().asString()
                .startsWith("line 10: frontend.customHeaders is Amplify's deprecated location");
        BuildPlan plan = BuildPlan.of(spec.select(null, "amplify.yml"), new LinkedHashMap<>(), spec.warnings());

        CustomHeaders legacy = CustomHttpCapture.read(repo, plan, log::add);
        assertThat(legacy.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.pattern()).isEqualTo("**/*.js");
            assertThat(rule.headers()).containsExactly(new Header("Cache-Control", "max-age=31536000"));
        });
        assertThat(log).contains("[slipway] customHeaders in the build spec (legacy location): 1 header patterns");

        Files.writeString(repo.resolve("customHttp.yml"), """
                customHeaders:
                  - pattern: '**'
                    headers: [ { key: X-Frame-Options, value: DENY } ]
                """);
        CustomHeaders file = CustomHttpCapture.read(repo, plan, log::add);
        assertThat(file.rules()).singleElement().satisfies(rule -> assertThat(rule.pattern()).isEqualTo("**"));
        assertThat(log).contains("[slipway] customHttp.yml takes precedence: the customHeaders in the build spec are "
                + "ignored");
    }

    @Test
    void brokenLegacyHeadersFailTheSpecWithTheLine() {
        assertThatThrownBy(() -> BuildSpecParser.parse("""
                version: 1
                frontend:
                  customHeaders:
                    - pattern: '**'
                      headers:
                        - key: 'bad key'
                          value: x
                """, "amplify.yml")).isInstanceOf(BuildSpecException.class)
                .hasMessage("amplify.yml line 6: frontend.customHeaders[0].headers[0].key must be a header name");
    }

    private static BuildPlan plan(String appRoot) {
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        if (appRoot != null) {
            env.put(BuildSpec.MONOREPO_APP_ROOT_VARIABLE, appRoot);
        }
        return new BuildPlan("true", "", "dist", "dist", List.of("**/*"), false, env, List.of(), List.of(), false);
    }
}

package dev.slipway.protocol.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real amplify.yml under ../shared/fixtures/amplify-yml: parses, or is genuinely malformed YAML with a line. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildSpecFixturesTests {

    /** Files that are not valid YAML (the docs' {@code *enter command*} placeholders are undefined aliases), and the line. */
    private static final Map<String, Integer> MALFORMED = Map.of(
            "docs-examples/build-settings-01-buildspec-reference.yml", 9,
            "docs-examples/monorepo-01-reference.yml", 11);

    private static Path fixtures() {
        String shared = System.getProperty("slipway.shared.dir");
        if (shared == null) {
            fail("system property slipway.shared.dir is not set");
        }
        return Path.of(shared, "fixtures", "amplify-yml");
    }

    Stream<String> fixtureFiles() throws IOException {
        Path root = fixtures();
        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(50).containsAll(MALFORMED.keySet());
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtureFiles")
    void parsesOrRejectsWithLine(String name) throws IOException {
        String yaml = Files.readString(fixtures().resolve(name), StandardCharsets.UTF_8);
        if (MALFORMED.containsKey(name)) {
            assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml"))
                    .isInstanceOfSatisfying(BuildSpecException.class, e -> {
                        assertThat(e.line()).isEqualTo(MALFORMED.get(name));
                        assertThat(e.getMessage()).startsWith("amplify.yml line " + e.line() + ": ").contains("alias");
                    });
            return;
        }
        try {
            BuildSpec spec = BuildSpecParser.parse(yaml, "amplify.yml");
            assertThat(spec.isMonorepo() ? spec.applications() : List.of(spec.app())).isNotEmpty();
        } catch (BuildSpecException e) {
            fail(name + " should parse: " + e.getMessage());
        }
    }

    @Test
    void officialViteTemplate() throws Exception {
        BuildSpec spec = parseFixture("aws-samples__amplify-vite-react-template__amplify.yml");
        AppSpec app = spec.select(null, "amplify.yml");
        assertThat(spec.version()).isEqualTo("1");
        assertThat(app.backend().build()).containsExactly("npm ci --cache .npm --prefer-offline",
                "npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID");
        assertThat(app.frontend().artifacts().baseDirectory()).isEqualTo("dist");
        assertThat(app.frontend().artifacts().files()).containsExactly("**/*");
        assertThat(app.frontend().cachePaths()).contains(".npm/**/*");
    }

    @Test
    void scalarCommandsAndScalarPhaseAreCoerced() throws Exception {
        AppSpec flask = parseFixture("0silverback0__flask-dj__amplify.yml").select(null, "amplify.yml");
        assertThat(flask.frontend().phases().build()).contains("flask run");

        BuildSpec site = parseFixture("yuki-asaka__amplify-monorepo-example__packages-site-amplify.yml");
        AppSpec app = site.select("packages/site", "amplify.yml");
        assertThat(app.frontend().phases().build()).containsExactly("echo \"nothing to do\"");
        assertThat(app.environment()).containsEntry("APP_NAME", "site-cdn");
        assertThat(site.warnings()).anyMatch(w -> w.contains("frontend.phases.build should be a mapping"));
    }

    @Test
    void docsReferenceWithPlaceholdersReplaced() throws Exception {
        BuildSpec spec = parseFixture("docs-examples/derived-build-settings-01-buildspec-reference-placeholders-replaced.yml");
        AppSpec app = spec.app();
        assertThat(app.frontend().artifacts().discardPaths()).isTrue();
        assertThat(app.test().artifacts().configFilePath()).isEqualTo("location");
        assertThat(app.environment()).isNotEmpty();
    }

    @Test
    void monorepoSelectionByAppRoot() throws Exception {
        BuildSpec spec = parseFixture("docs-examples/derived-monorepo-01-reference-placeholders-replaced.yml");
        assertThat(spec.isMonorepo()).isTrue();
        assertThat(spec.select("apps/angular-app/", "amplify.yml").appRoot()).isEqualTo("apps/angular-app");
        assertThat(spec.select("./apps/react-app", "amplify.yml").appRoot()).isEqualTo("apps/react-app");
        assertThatThrownBy(() -> spec.select("apps/vue", "amplify.yml"))
                .hasMessageContaining("apps/vue").hasMessageContaining("'apps/react-app', 'apps/angular-app'");
        assertThatThrownBy(() -> spec.select(null, "amplify.yml"))
                .hasMessageContaining(BuildSpec.MONOREPO_APP_ROOT_VARIABLE);
    }

    @Test
    void monorepoWithTrailingSlashAndBuildPath() throws Exception {
        BuildSpec spec = parseFixture("CrossRoadsAWS__amplify-mono-repo-ex__amplify.yaml");
        AppSpec app = spec.select("apps/admin-dashboard", "amplify.yaml");
        assertThat(app.appRoot()).isEqualTo("apps/admin-dashboard");
        assertThat(app.frontend().buildPath()).isEqualTo("/");
    }

    @Test
    void literalBlockCommandKeepsItsLines() throws Exception {
        AppSpec app = parseFixture("BIBSYSDEV__NVA-Frontend__amplify.yml").select(null, "amplify.yml");
        assertThat(app.frontend().phases().all()).anyMatch(c -> c.contains("\n") && c.contains("AWS_BRANCH"));
    }

    private static BuildSpec parseFixture(String name) throws Exception {
        return BuildSpecParser.parse(Files.readString(fixtures().resolve(name)), "amplify.yml");
    }
}

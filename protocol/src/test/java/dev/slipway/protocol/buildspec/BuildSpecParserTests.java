package dev.slipway.protocol.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildSpecParserTests {

    @Test
    void typeErrorNamesKeyPathAndLine() {
        String yaml = """
                version: 1
                frontend:
                  phases: 5
                """;
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml"))
                .isInstanceOfSatisfying(BuildSpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("frontend.phases").contains("mapping").contains("5");
                    assertThat(e.getMessage()).startsWith("amplify.yml line 3: ");
                });
    }

    @Test
    void commandsThatAreAMappingAreAnError() {
        String yaml = """
                frontend:
                  phases:
                    build:
                      commands:
                        - echo ok
                        - key: value
                """;
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml"))
                .isInstanceOfSatisfying(BuildSpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.reason()).contains("frontend.phases.build.commands[1]");
                });
    }

    @Test
    void syntaxErrorHasTheLine() {
        String yaml = "version: 1\nfrontend:\n  phases:\n    build:\n      commands: [a, b\n  artifacts: x\n";
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml"))
                .isInstanceOfSatisfying(BuildSpecException.class, e -> assertThat(e.line()).isGreaterThan(0));
    }

    @Test
    void aYamlErrorInAFileWithConflictMarkersSaysSo() {
        String yaml = """
                version: 1
                frontend:
                  phases:
                    build:
                <<<<<<< HEAD
                      commands: [npm run build]
                =======
                      commands: [yarn build]
                >>>>>>> feature
                """;
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml"))
                .isInstanceOf(BuildSpecException.class)
                .hasMessageContaining("git conflict markers, the first at line 5");
        assertThatThrownBy(() -> BuildSpecParser.parse("frontend: [a\n", "amplify.yml"))
                .hasMessageNotContaining("conflict");
    }

    @Test
    void theRepositoryRootIsAnAppRootAsDotOrSlash() throws Exception {
        String yaml = """
                applications:
                  - appRoot: .
                    frontend:
                      phases: {build: {commands: [make]}}
                  - appRoot: ./apps/docs/
                    frontend:
                      phases: {build: {commands: [make docs]}}
                """;
        BuildSpec spec = BuildSpecParser.parse(yaml, "amplify.yml");
        assertThat(spec.warnings()).isEmpty();
        assertThat(spec.select(".", "amplify.yml").appRoot()).isEqualTo(".");
        assertThat(spec.select("./", "amplify.yml").appRoot()).isEqualTo(".");
        assertThat(spec.select("/apps/docs", "amplify.yml").appRoot()).isEqualTo("apps/docs");
        assertThatThrownBy(() -> spec.select(null, "amplify.yml")).hasMessageContaining("'.', 'apps/docs'");
    }

    @Test
    void nonStringScalarsBecomeStrings() throws Exception {
        String yaml = """
                version: 0.1
                env:
                  variables:
                    COUNT: 3
                    FLAG: yes
                    EMPTY:
                frontend:
                  phases:
                    build:
                      commands:
                        - 42
                        - true
                        - npm run build
                    postBuild:
                      commands: echo single
                  artifacts:
                    baseDirectory: dist
                    discard-paths: yes
                """;
        BuildSpec spec = BuildSpecParser.parse(yaml, "amplify.yml");
        AppSpec app = spec.app();
        assertThat(spec.version()).isEqualTo("0.1");
        assertThat(app.environment()).containsEntry("COUNT", "3").containsEntry("FLAG", "yes").containsEntry("EMPTY", "");
        assertThat(app.frontend().phases().build()).containsExactly("42", "true", "npm run build");
        assertThat(app.frontend().phases().postBuild()).containsExactly("echo single");
        assertThat(app.frontend().artifacts().discardPaths()).isTrue();
        assertThat(app.frontend().artifacts().files()).containsExactly("**/*");
    }

    @Test
    void unknownAndMisplacedKeysAreWarnings() throws Exception {
        String yaml = """
                frontend:
                  phases:
                    commands:
                      build:
                        - yarn run build
                  artifacts:
                    baseDirectory: public
                build:
                  phases: {}
                """;
        BuildSpec spec = BuildSpecParser.parse(yaml, "amplify.yml");
        assertThat(spec.warnings()).anySatisfy(w -> assertThat(w).startsWith("line 3:").contains("'commands'"))
                .anySatisfy(w -> assertThat(w).startsWith("line 8:").contains("'build'"));
        assertThat(spec.app().frontend().phases().isEmpty()).isTrue();
    }

    @Test
    void aliasBombIsRejectedQuickly() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("frontend:\n  phases:\n    build:\n      commands: *a29\n");
        long start = System.nanoTime();
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml.toString(), "amplify.yml"))
                .isInstanceOf(BuildSpecException.class).hasMessageContaining("aliases");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void nestedAliasesWithinTheLimitCannotExplodeTheReader() {
        String yaml = """
                l0: &l0 [a, b]
                l1: &l1 [*l0, *l0]
                frontend:
                  phases:
                    build:
                      commands: *l1
                """;
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml"))
                .isInstanceOfSatisfying(BuildSpecException.class, e -> assertThat(e.line()).isGreaterThan(0));
    }

    @Test
    void tooLargeIsRejected() {
        String yaml = "frontend:\n  phases:\n    build:\n      commands:\n" + "        - echo 0123456789\n".repeat(60_000);
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml")).hasMessageContaining("larger than");
    }

    @Test
    void emptyAndNonMappingDocuments() {
        assertThatThrownBy(() -> BuildSpecParser.parse("  \n", "amplify.yml")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BuildSpecParser.parse("- a\n- b\n", "amplify.yml"))
                .isInstanceOfSatisfying(BuildSpecException.class, e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void globalTagsAreRejected() {
        String yaml = "frontend:\n  phases:\n    build:\n      commands:\n        - !!python/object:os.system echo\n";
        assertThatThrownBy(() -> BuildSpecParser.parse(yaml, "amplify.yml"))
                .isInstanceOfSatisfying(BuildSpecException.class, e -> assertThat(e.line()).isEqualTo(5));
    }
}

package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.slipway.protocol.buildspec.AppSpec;
import dev.slipway.protocol.buildspec.BuildSpecParser;
import dev.slipway.protocol.buildspec.Frontend;
import dev.slipway.protocol.buildspec.Phases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildScriptTests {

    @TempDir
    Path temp;

    @Test
    void quoteSurvivesEveryCharacter() throws Exception {
        String tricky = "it's \"$HOME\" `x` \\ \n second line $(id) !";
        Result r = run("printf '%s' " + BuildScript.quote(tricky));
        assertThat(r.output).isEqualTo(tricky);
    }

    @Test
    void commandsAreEmbeddedLiterallyAndAnnouncedInAmplifyFormat() throws Exception {
        AppSpec app = new AppSpec(null, null, Phases.EMPTY, new Frontend(null, new Phases(
                List.of("mkdir sub && cd sub", "export GREETING=\"it's $((1+1))\""),
                List.of("echo \"$GREETING in $(basename \"$PWD\")\"", "if [ 1 = 1 ]; then\n  echo multi\nfi"),
                List.of("echo 'single \"quoted\"' $NOT_SET_VAR")), null, List.of()), null);
        Result r = run(BuildScript.of(app));
        assertThat(r.exit).isZero();
        assertThat(r.lines()).containsSubsequence(
                "## Starting Frontend Build",
                "## Starting phase: preBuild",
                "# Executing command: mkdir sub && cd sub",
                "# Executing command: export GREETING=\"it's $((1+1))\"",
                "## Starting phase: build",
                "# Executing command: echo \"$GREETING in $(basename \"$PWD\")\"",
                "it's 2 in sub",
                "# Executing command: if [ 1 = 1 ]; then",
                "  echo multi",
                "fi",
                "multi",
                "## Starting phase: postBuild",
                "single \"quoted\"");
    }

    @Test
    void firstFailingCommandStopsTheBuildWithItsExitCode() throws Exception {
        AppSpec app = new AppSpec(null, null, new Phases(List.of(), List.of("echo backend"), List.of()),
                new Frontend(null, new Phases(List.of("false || echo tolerated", "sh -c 'exit 7'", "echo never"),
                        List.of("echo never either"), List.of()), null, List.of()), null);
        Result r = run(BuildScript.of(app));
        assertThat(r.exit).isEqualTo(7);
        assertThat(r.lines()).contains("tolerated", "!!! Command failed with exit code 7: sh -c 'exit 7'")
                .doesNotContain("never", "never either");
        assertThat(r.output.indexOf("## Starting Backend Build")).isLessThan(r.output.indexOf("## Starting Frontend"));
    }

    @Test
    void parsedMultiLineYamlCommandRuns() throws Exception {
        String yaml = """
                frontend:
                  phases:
                    build:
                      commands:
                        - |
                          if [ "$AWS_BRANCH" = "main" ]; then
                            echo "prod: $AWS_BRANCH"
                          else
                            echo other
                          fi
                """;
        AppSpec app = BuildSpecParser.parse(yaml, "amplify.yml").app();
        Result r = run(BuildScript.of(app));
        assertThat(r.lines()).contains("other");
    }

    @Test
    void amplifyBackendCommandsAreSkippedOrFailWithWhatToDoNeverCommandNotFound() throws Exception {
        AppSpec gen2 = new AppSpec(null, null, new Phases(List.of(),
                List.of("npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID"), List.of()),
                new Frontend(null, new Phases(List.of(), List.of("echo frontend built"), List.of()), null, List.of()),
                null);
        Result skipped = run(BuildScript.of(gen2), Map.of());
        assertThat(skipped.exit).as(skipped.output).isZero();
        assertThat(skipped.output).contains("[slipway] warning: Gen 2 backend not deployed: no AWS credentials")
                .contains("frontend built");
        Result deploying = run(BuildScript.of(gen2), Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "PATH", "/nothing"));
        assertThat(deploying.output).as("with credentials npx runs").contains("npx: command not found");

        AppSpec gen1 = new AppSpec(null, null, new Phases(List.of(), List.of("amplifyPush --simple"), List.of()),
                new Frontend(null, new Phases(List.of(), List.of("echo frontend built"), List.of()), null, List.of()),
                null);
        Result refused = run(BuildScript.of(gen1), Map.of());
        assertThat(refused.exit).isEqualTo(127);
        assertThat(refused.output).contains("set AMPLIFY_SKIP_BACKEND_BUILD=true")
                .contains("!!! Command failed with exit code 127: amplifyPush --simple")
                .doesNotContain("command not found", "frontend built");
        Result skippedGen1 = run(BuildScript.of(gen1), Map.of("AMPLIFY_SKIP_BACKEND_BUILD", "true"));
        assertThat(skippedGen1.exit).isZero();
        assertThat(skippedGen1.output).contains("amplifyPush skipped").contains("frontend built");
    }

    private record Result(int exit, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private Result run(String script) throws Exception {
        return run(script, Map.of());
    }

    private Result run(String script, Map<String, String> environment) throws Exception {
        Path file = temp.resolve("build.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", file.toString()).directory(temp.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}

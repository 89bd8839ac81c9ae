package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLocatorTests {

    @TempDir
    Path repo;

    @Test
    void aSpecNamedInAnotherCaseIsNotReadAndTheFailureSaysHowToFixIt() throws Exception {
        Files.writeString(repo.resolve("Amplify.yml"), "frontend: {phases: {build: {commands: [make]}}}\n");
        assertThatThrownBy(() -> SpecLocator.locate(repo, null))
                .isInstanceOf(SpecLocator.MissingSpecException.class)
                .hasMessageStartingWith(SpecLocator.NO_SPEC)
                .hasMessageContaining("the repository has Amplify.yml, which is not read")
                .hasMessageContaining("amplify.yml (lower case)");
    }

    @Test
    void aDetectedFrameworkBuildsButWarnsOfTheMisnamedSpec() throws Exception {
        Files.writeString(repo.resolve("AMPLIFY.YAML"), "version: 1\n");
        Files.writeString(repo.resolve("index.html"), "<h1>hi</h1>");
        SpecLocator.Located located = SpecLocator.locate(repo, null);
        assertThat(located.sourceName()).startsWith("the default build spec for");
        assertThat(located.spec().warnings()).anyMatch(w -> w.contains("the repository has AMPLIFY.YAML"));
    }

    @Test
    void theLowerCaseSpecIsReadWithoutHints() throws Exception {
        Files.writeString(repo.resolve("amplify.yml"), "frontend: {phases: {build: {commands: [make]}}}\n");
        SpecLocator.Located located = SpecLocator.locate(repo, null);
        assertThat(located.sourceName()).isEqualTo("amplify.yml");
        assertThat(located.spec().warnings()).isEmpty();
    }
}

package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgsTests {

    @Test
    void optionsTakeTheirValueFlagsDoNotAndShortNamesAreTheLongOnes() {
        Args args = Args.parse("env", "set", "--branch=main", "d1", "--json", "A=1", "-b", "dev", "-f", "--", "--x");
        assertThat(args.word(0, "")).isEqualTo("env");
        assertThat(args.wordsFrom(2)).containsExactly("d1", "A=1", "--x");
        assertThat(args.option("--branch")).contains("dev");
        assertThat(args.flag("--json")).isTrue();
        assertThat(args.flag("--follow")).isTrue();
        assertThat(args.flag("--wait")).isFalse();
    }

    @Test
    void aMissingWordOrValueIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> Args.parse("logs", "app").word(2, "the branch name"))
                .isInstanceOf(UsageException.class).hasMessage("missing the branch name");
        assertThatThrownBy(() -> Args.parse("apps", "--url")).isInstanceOf(UsageException.class)
                .hasMessage("--url needs a value");
    }
}

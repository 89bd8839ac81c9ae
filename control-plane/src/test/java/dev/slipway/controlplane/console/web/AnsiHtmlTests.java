package dev.slipway.controlplane.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiHtmlTests {

    @Test
    void coloursBecomeSpansAndResetClosesThem() {
        assertThat(AnsiHtml.render("\u001B[32m✓ built\u001B[0m in 2s"))
                .isEqualTo("<span class=\"ansi-green\">✓ built</span> in 2s");
    }

    @Test
    void boldAndBrightColoursCombineAndAnOpenSpanIsClosedAtTheEnd() {
        assertThat(AnsiHtml.render("\u001B[1;91mERROR")).isEqualTo("<span class=\"ansi-red ansi-bold\">ERROR</span>");
    }

    @Test
    void markupInTheLogIsEscapedAndOtherControlSequencesAreDropped() {
        assertThat(AnsiHtml.render("<script>\u001B[2K&\u001B[?25l")).isEqualTo("&lt;script&gt;&amp;");
        assertThat(AnsiHtml.render("plain")).isEqualTo("plain");
    }

    @Test
    void numbersNoSgrCodeHasAreIgnoredInsteadOfOverflowing() {
        assertThat(AnsiHtml.render("\u001B[99999999999mtext")).isEqualTo("text");
        assertThat(AnsiHtml.render("\u001B[32;99999999999;1mok")).isEqualTo("<span class=\"ansi-green ansi-bold\">ok</span>");
        assertThat(AnsiHtml.render("\u001B[3?1mok")).isEqualTo("ok");
    }
}

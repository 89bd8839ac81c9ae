package dev.slipway.edge.skew;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which deployment id a request asks for: header, else query parameter, else cookie; look-alike names never count. */
class SkewPinsTests {

    @Test
    void theHeaderWinsOverTheQueryAndTheQueryOverTheCookie() {
        assertThat(SkewPins.requested(" dep-h ", "dpl=dep-q", "_dpl=dep-c")).isEqualTo("dep-h");
        assertThat(SkewPins.requested(null, "a=1&dpl=dep-q", "_dpl=dep-c")).isEqualTo("dep-q");
        assertThat(SkewPins.requested("  ", null, "theme=dark; _dpl=dep-c")).isEqualTo("dep-c");
        assertThat(SkewPins.requested(null, "a=1", null)).isNull();
    }

    @Test
    void lookAlikeNamesAndEmptyValuesAreNoDeployment() {
        assertThat(SkewPins.requested(null, "xdpl=a&dpl=", "x_dpl=b; _dpl=; __dpl=c")).isNull();
        assertThat(SkewPins.requested(null, "dpl", "_dpl")).isNull();
        assertThat(SkewPins.requested(null, "&&dpl=dep-1&dpl=dep-2", null)).isEqualTo("dep-1");
    }
}

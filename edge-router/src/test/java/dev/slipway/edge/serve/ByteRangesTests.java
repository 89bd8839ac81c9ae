package dev.slipway.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangesTests {

    @Test
    void singleRanges() {
        assertThat(ByteRanges.parse("bytes=0-9", 100)).isEqualTo(new ByteRanges.Range(0, 10));
        assertThat(ByteRanges.parse("bytes=90-200", 100)).isEqualTo(new ByteRanges.Range(90, 10));
        assertThat(ByteRanges.parse("bytes=95-", 100)).isEqualTo(new ByteRanges.Range(95, 5));
        assertThat(ByteRanges.parse("bytes=-30", 100)).isEqualTo(new ByteRanges.Range(70, 30));
        assertThat(ByteRanges.parse("bytes=-300", 100)).isEqualTo(new ByteRanges.Range(0, 100));
    }

    @Test
    void unsatisfiableAndIgnored() {
        assertThat(ByteRanges.parse("bytes=100-", 100)).isSameAs(ByteRanges.UNSATISFIABLE);
        assertThat(ByteRanges.parse("bytes=-0", 100)).isSameAs(ByteRanges.UNSATISFIABLE);
        assertThat(ByteRanges.parse("bytes=0-0", 0)).isSameAs(ByteRanges.UNSATISFIABLE);
        assertThat(ByteRanges.parse("bytes=5-2", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=0-1,5-6", 100)).isNull();
        assertThat(ByteRanges.parse("items=0-1", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=x-1", 100)).isNull();
    }
}

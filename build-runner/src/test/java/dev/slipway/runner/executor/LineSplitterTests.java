package dev.slipway.runner.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTests {

    @Test
    void keepsPartialLinesAndMultiByteCharactersAcrossChunks() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] bytes = "héllo\r\nwor".getBytes(StandardCharsets.UTF_8);
        splitter.accept(bytes, 0, 2);
        splitter.accept(bytes, 2, bytes.length - 2);
        splitter.accept("ld\n\nlast".getBytes(StandardCharsets.UTF_8));
        splitter.finish();
        assertThat(lines).containsExactly("héllo", "world", "", "last");
    }
}

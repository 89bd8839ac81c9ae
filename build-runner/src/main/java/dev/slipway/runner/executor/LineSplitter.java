package dev.slipway.runner.executor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns chunks of bytes into lines (UTF-8, split on LF, a trailing CR dropped), keeping a partial line until its end
 * arrives, so multi-byte characters and lines split across chunks survive. Not thread-safe: one per stream.
 */
public final class LineSplitter {

    private static final int MAX_LINE = 64 * 1024;

    private final Consumer<String> lines;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    public void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit();
            } else {
                partial.write(b);
                if (partial.size() >= MAX_LINE) {
                    emit();
                }
            }
        }
    }

    public void accept(byte[] bytes) {
        accept(bytes, 0, bytes.length);
    }

    /** Delivers a last line that had no newline. */
    public void finish() {
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}

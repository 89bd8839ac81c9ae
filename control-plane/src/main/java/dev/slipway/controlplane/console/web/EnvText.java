package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.support.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Environment variables as the console edits them: one {@code NAME=value} per line, like a {@code .env} file. Blank
 * lines and {@code #} comments are skipped; the value is everything after the first '='.
 */
final class EnvText {

    private EnvText() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw Refusal.invalid("Line " + (i + 1) + " is not NAME=value: '" + line + "'.");
            }
            variables.put(line.substring(0, equals).strip(), line.substring(equals + 1));
        }
        return variables;
    }

    static String format(Map<String, String> variables) {
        return variables == null ? "" : variables.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}

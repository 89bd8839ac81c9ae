package dev.slipway.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What a command prints: aligned columns for people, or with {@code --json} the API's own JSON (stable for scripts,
 * as it is the API's contract). Messages and progress go to standard error, so piping the output stays clean.
 */
final class Output {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Output(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    record Column(String header, Function<JsonNode, String> value) {
        static Column of(String header, String field) {
            return new Column(header, row -> text(row.path(field)));
        }
    }

    /** The rows as a table, or {@code whole} as JSON with {@code --json}. */
    void table(JsonNode whole, JsonNode rows, List<Column> columns) {
        if (json) {
            json(whole);
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toList());
        rows.forEach(row -> cells.add(columns.stream().map(column -> column.value().apply(row)).toList()));
        int[] widths = new int[columns.size()];
        cells.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                text.append(i == line.size() - 1 ? line.get(i) : String.format("%-" + widths[i] + "s  ", line.get(i)));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    /** One result: {@code --json} prints it, people get {@code summary}. */
    void result(JsonNode whole, String summary) {
        if (json) {
            json(whole);
        } else {
            out.println(summary);
        }
    }

    void json(JsonNode node) {
        out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    /** The standard output as it is (log lines). */
    PrintStream out() {
        return out;
    }

    void info(String message) {
        err.println(message);
    }

    boolean isJson() {
        return json;
    }

    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "-";
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}

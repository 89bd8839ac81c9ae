package dev.slipway.cli;

import dev.slipway.cli.Output.Column;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Environment variables and secrets of an app, or of a branch with {@code --branch} (a branch's value wins over the
 * app's in builds). Variables are replaced as a whole by the API, so set/unset read the current ones first.
 */
final class SettingCommands {

    private SettingCommands() {
    }

    /** {@code env list|set|unset <app> [--branch B] [NAME=value ... | NAME ...]} */
    static int env(Context context) {
        String action = context.args().word(1, "list, set or unset");
        String path = owner(context);
        JsonNode owner = context.api().get(path);
        JsonNode current = owner.path(path.contains("/branches/") ? "branch" : "app").path("environmentVariables");
        Map<String, String> variables = new TreeMap<>();
        current.properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue().asString()));
        List<String> words = context.args().wordsFrom(3);
        switch (action) {
            case "list" -> {
                ObjectNode whole = ApiClient.JSON.createObjectNode();
                whole.set("environmentVariables", current);
                ArrayNode rows = ApiClient.JSON.createArrayNode();
                variables.forEach((name, value) -> rows.addObject().put("name", name).put("value", value));
                context.output().table(whole, rows, List.of(Column.of("NAME", "name"), Column.of("VALUE", "value")));
                return SlipwayCli.OK;
            }
            case "set" -> {
                requireSome(words, "NAME=value");
                for (String word : words) {
                    int equals = word.indexOf('=');
                    if (equals < 1) {
                        throw new UsageException("'" + word + "' is not NAME=value");
                    }
                    variables.put(word.substring(0, equals), word.substring(equals + 1));
                }
            }
            case "unset" -> {
                requireSome(words, "a variable name");
                words.forEach(variables::remove);
            }
            default -> throw new UsageException("env: unknown action '" + action + "' (list, set, unset)");
        }
        JsonNode answer = context.api().send("PATCH", path, Map.of("environmentVariables", variables));
        context.output().result(answer, (action.equals("set") ? "Set " : "Removed ") + String.join(", ",
                words.stream().map(word -> word.contains("=") ? word.substring(0, word.indexOf('=')) : word).toList())
                + "; the next build uses " + (variables.isEmpty() ? "no variables" : variables.keySet()));
        return SlipwayCli.OK;
    }

    /**
     * {@code secrets list|set|unset <app> [NAME] [--branch B] [--value V]}: a value is read from standard input unless
     * given, so it stays out of the shell's history.
     */
    static int secrets(Context context) throws IOException {
        String action = context.args().word(1, "list, set or unset");
        String path = owner(context) + "/secrets";
        switch (action) {
            case "list" -> {
                JsonNode answer = context.api().get(path);
                context.output().table(answer, answer.path("secrets"), List.of(Column.of("NAME", "name"),
                        Column.of("UPDATED", "updateTime")));
            }
            case "set" -> {
                String name = context.args().word(3, "the secret's name");
                String value = context.args().option("--value").orElse(null);
                if (value == null) {
                    value = new String(context.in().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
                }
                JsonNode answer = context.api().send("PUT", path + "/" + ApiClient.segment(name), Map.of("value", value));
                context.output().result(answer, "Secret " + name + " set; builds from now on receive it");
            }
            case "unset" -> {
                String name = context.args().word(3, "the secret's name");
                JsonNode answer = context.api().send("DELETE", path + "/" + ApiClient.segment(name), null);
                context.output().result(answer, "Secret " + name + " removed");
            }
            default -> throw new UsageException("secrets: unknown action '" + action + "' (list, set, unset)");
        }
        return SlipwayCli.OK;
    }

    private static String owner(Context context) {
        String app = context.appPath(2);
        return context.args().option("--branch").map(branch -> app + "/branches/" + ApiClient.segment(branch))
                .orElse(app);
    }

    private static void requireSome(List<String> words, String what) {
        if (words.isEmpty()) {
            throw new UsageException("give at least one " + what);
        }
    }
}

package dev.slipway.protocol.buildspec;

import dev.slipway.protocol.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amplify's "live package updates": the {@value #VARIABLE} environment variable, a JSON array such as
 * {@code [{"pkg":"node","type":"nvm","version":"20"},{"name":"Amplify CLI","pkg":"@aws-amplify/cli","type":"npm",
 * "version":"latest"}]}, set on the app and overridden as a whole by the branch like any variable. Before the first
 * phase the build runs {@code nvm install <version>} for Node.js (the build image's nvm shim) and
 * {@code npm install -g <pkg>@<version>} for npm packages; other types (Hugo, ...) are reported as unsupported.
 * Names and versions are checked against narrow patterns because they end up in a shell script.
 */
public final class LiveUpdates {

    public static final String VARIABLE = "_LIVE_UPDATES";

    private static final JsonMapper JSON = JsonMappers.STRICT;
    private static final Pattern NPM_PACKAGE = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._^~*+-]{0,63}");

    /** One entry; {@code type} is lower-cased. */
    public record LiveUpdate(String name, String pkg, String type, String version) {

        public boolean isNode() {
            return type.equals("nvm") || pkg.equals("node");
        }

        public boolean isSupported() {
            return isNode() || type.equals("npm");
        }

        /** The shell command applying this update, for supported entries. */
        public String command() {
            return isNode() ? "nvm install " + version : "npm install -g " + pkg + "@" + version;
        }
    }

    /** What a value asks for: the commands to run before the phases, and warnings about what was skipped. */
    public record Plan(List<String> commands, List<String> warnings) {

        public static final Plan NONE = new Plan(List.of(), List.of());
    }

    private LiveUpdates() {
    }

    /**
     * @param value the variable's value, null or blank for none
     * @throws IllegalArgumentException with a sentence naming {@value #VARIABLE} when the value is not a valid list
     */
    public static List<LiveUpdate> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JacksonException e) {
            throw invalid("is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw invalid("must be a JSON array of {\"pkg\",\"type\",\"version\"} objects");
        }
        List<LiveUpdate> updates = new ArrayList<>();
        for (JsonNode entry : root) {
            updates.add(entry(entry, updates.size() + 1));
        }
        return List.copyOf(updates);
    }

    /** The commands and warnings for a value; see {@link #parse} for the errors. */
    public static Plan plan(String value) {
        List<String> commands = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (LiveUpdate update : parse(value)) {
            if (update.isSupported()) {
                commands.add(update.command());
            } else {
                warnings.add(VARIABLE + ": package " + update.pkg() + " of type " + update.type()
                        + " is not supported by Slipway's build image and was skipped (supported: nvm, npm)");
            }
        }
        return commands.isEmpty() && warnings.isEmpty() ? Plan.NONE : new Plan(commands, warnings);
    }

    private static LiveUpdate entry(JsonNode entry, int position) {
        if (!entry.isObject()) {
            throw invalid("entry " + position + " is not an object");
        }
        String pkg = text(entry, "pkg", position);
        String type = text(entry, "type", position).toLowerCase(Locale.ROOT);
        String version = text(entry, "version", position);
        String name = entry.path("name").isString() ? entry.path("name").asString() : pkg;
        if (!VERSION.matcher(version).matches()) {
            throw invalid("entry " + position + " has an invalid version '" + version + "'");
        }
        LiveUpdate update = new LiveUpdate(name, pkg, type, version);
        if (update.isNode() && version.equalsIgnoreCase("latest")) {
            throw invalid("the Node.js version must be explicit (such as 20 or 22.11), not 'latest'");
        }
        if (type.equals("npm") && !NPM_PACKAGE.matcher(pkg).matches()) {
            throw invalid("entry " + position + " names an invalid npm package '" + pkg + "'");
        }
        return update;
    }

    private static String text(JsonNode entry, String field, int position) {
        JsonNode node = entry.get(field);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw invalid("entry " + position + " needs a \"" + field + "\" string");
        }
        return node.asString().strip();
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(VARIABLE + " " + problem);
    }
}

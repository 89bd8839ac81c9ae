package dev.slipway.protocol.docs;

import dev.slipway.protocol.json.JsonMappers;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The configuration reference of one app (docs/administration/configuration-reference/), generated from what the code
 * declares: the properties records' metadata (spring-boot-configuration-processor, descriptions from their
 * {@code @param} tags) joined with the {@code ${SLIPWAY_…:default}} placeholders of the app's application.yml or
 * application.properties. Each app's {@code ConfigurationReferenceTests} fails when the committed page differs, so a
 * setting cannot change without its documentation.
 */
public final class ConfigurationReference {

    /** Set to {@code true} ({@code -Dslipway.docs.update=true}) to rewrite the page instead of failing. */
    public static final String UPDATE = "slipway.docs.update";

    private static final String SEE_CONFIGURATION = "see [configuration](../configuration.md)";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(SLIPWAY_[A-Z0-9_]+):?([^}]*)}");

    /** @param relaxed the variable is Spring's relaxed-binding name, no placeholder names it */
    private record Row(String variable, boolean relaxed, String property, String defaultValue, String meaning) {
    }

    private ConfigurationReference() {
    }

    /**
     * Compares the page with what the code declares.
     *
     * @param title    the page's title
     * @param metadata target/classes/META-INF/spring-configuration-metadata.json of the app
     * @param config   the app's application.yml or application.properties
     * @param page     the committed page
     * @return null when the page is current, else what to do about it
     */
    public static String staleness(String title, Path metadata, Path config, Path page) throws IOException {
        String generated = render(title, metadata, config);
        if (Files.exists(page) && Files.readString(page).equals(generated)) {
            return null;
        }
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(page.getParent());
            Files.writeString(page, generated);
            return null;
        }
        return page.normalize() + " does not match the code's settings; regenerate it with "
                + "mvn -o -pl <module> -am test -Dtest=ConfigurationReferenceTests -Dsurefire.failIfNoSpecifiedTests=false "
                + "-D" + UPDATE + "=true. Expected:\n" + generated;
    }

    static String render(String title, Path metadata, Path config) throws IOException {
        Map<String, String[]> placeholders = placeholders(config);
        Map<String, Row> rows = new TreeMap<>();
        for (JsonNode property : JsonMappers.STRICT.readTree(metadata.toFile()).path("properties")) {
            String name = property.path("name").asString();
            String[] placeholder = placeholders.remove(name);
            String meaning = prose(property.path("description").asString(""));
            if (meaning.isEmpty()) {
                meaning = SEE_CONFIGURATION;
            }
            String fallback = property.path("defaultValue").isMissingNode() || property.path("defaultValue").isNull()
                    ? "" : property.path("defaultValue").asString();
            rows.put(name, placeholder != null
                    ? new Row(placeholder[0], false, name, placeholder[1], meaning)
                    : new Row(relaxed(name), true, name, fallback, meaning));
        }
        placeholders.forEach((name, placeholder) -> rows.put(name, new Row(placeholder[0], false, name, placeholder[1],
                name.startsWith("slipway.") ? SEE_CONFIGURATION : "Spring's `" + name + "`")));
        StringBuilder page = new StringBuilder("# ").append(title).append("\n\n")
                .append("Generated from the code (the settings' records and ").append(config.getFileName())
                .append("); `ConfigurationReferenceTests` fails when this page is out of date. Environment variables\n")
                .append("set the properties; a property may also be given as `-D<property>=…` in `SLIPWAY_JAVA_OPTS`.\n\n")
                .append("| Variable | Property | Default | Meaning |\n|---|---|---|---|\n");
        for (Row row : rows.values()) {
            page.append("| `").append(row.variable()).append(row.relaxed()
                    ? "` (relaxed binding) | `" : "` | `").append(row.property()).append("` | ")
                    .append(row.defaultValue().isEmpty() ? "" : "`" + cell(row.defaultValue()) + "`").append(" | ")
                    .append(cell(row.meaning())).append(" |\n");
        }
        return page.toString();
    }

    /** Property name → {variable, default} for every SLIPWAY_ placeholder of the file. */
    private static Map<String, String[]> placeholders(Path config) throws IOException {
        Map<String, String> flat = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(config)) {
            if (config.toString().endsWith(".properties")) {
                Properties properties = new Properties();
                properties.load(reader);
                properties.stringPropertyNames().forEach(name -> flat.put(name, properties.getProperty(name)));
            } else {
                flatten("", new Yaml().load(reader), flat);
            }
        }
        Map<String, String[]> found = new LinkedHashMap<>();
        flat.forEach((name, value) -> {
            Matcher placeholder = PLACEHOLDER.matcher(value);
            if (placeholder.find()) {
                found.put(name, new String[] {placeholder.group(1), placeholder.group(2)});
            }
        });
        return found;
    }

    private static void flatten(String prefix, Object node, Map<String, String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, into));
        } else if (node instanceof List<?> list) {
            List<String> values = new ArrayList<>();
            list.forEach(value -> values.add(String.valueOf(value)));
            into.put(prefix, String.join(",", values));
        } else if (node != null) {
            into.put(prefix, String.valueOf(node));
        }
    }

    /** Spring's relaxed binding from the environment: upper case, dots to underscores, dashes dropped. */
    private static String relaxed(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /** Javadoc markup to Markdown. */
    private static String prose(String javadoc) {
        return javadoc.replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\{@link #?([^}(]*)(\\(\\))?}", "`$1`")
                .replaceAll("\\s+", " ").trim();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}

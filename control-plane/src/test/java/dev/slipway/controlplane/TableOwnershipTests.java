package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table (architecture.md §1): every table is read and written by the SQL of one feature package; other
 * features ask that feature's public service. The exceptions are reads, listed here with the reason; no feature
 * writes another's table. The SQL is found in the main sources by its keywords, which is crude but has no blind spot
 * for new code.
 */
class TableOwnershipTests {

    private static final Path SOURCES = Path.of("src/main/java/dev/slipway/controlplane");
    private static final Pattern READ = Pattern.compile("\\b(?:FROM|JOIN)\\s+([a-z][a-z_]+)\\b");
    private static final Pattern WRITE = Pattern.compile("\\b(?:INSERT INTO|UPDATE|DELETE FROM)\\s+([a-z][a-z_]+)\\b");
    /** Words after FROM that are SQL functions or prose, not tables. */
    private static final Set<String> NOT_TABLES = Set.of("unnest", "jsonb_array_elements", "generate_series",
            "lateral", "next", "the", "a", "an", "now", "pg_stat_activity", "pg_locks", "information_schema");

    /** Reads of another feature's table: "table feature" -> why it is allowed. */
    private static final Map<String, String> ALLOWED_READS = Map.of(
            "apps route", "the route snapshot is one read model built with one query per table for 10,000 sites",
            "branches route", "the route snapshot (see apps)",
            "deployments route", "the route snapshot (see apps)",
            "compute_hosts route", "the route snapshot (see apps)",
            "jobs deployment", "a deployment's job number (shown to users) joined at read time",
            "jobs webhook", "a delivery's job number (shown to users) joined at read time");

    @Test
    void everyTableHasOneOwningFeature() throws IOException {
        Map<String, Set<String>> readers = new TreeMap<>();
        Map<String, Set<String>> writers = new TreeMap<>();
        for (Path source : javaSources()) {
            String feature = SOURCES.relativize(source).getName(0).toString();
            String code = Files.readString(source);
            collect(WRITE.matcher(code), feature, writers);
            collect(READ.matcher(code), feature, readers);
        }
        List<String> violations = new ArrayList<>();
        writers.forEach((table, features) -> {
            if (features.size() > 1) {
                violations.add(table + " is written by " + features);
            }
        });
        readers.forEach((table, features) -> {
            Set<String> owners = writers.getOrDefault(table, Set.of());
            for (String feature : features) {
                if (!owners.isEmpty() && !owners.contains(feature)
                        && !ALLOWED_READS.containsKey(table + " " + feature)) {
                    violations.add(table + " (owned by " + owners + ") is read by " + feature);
                }
            }
        });
        assertThat(violations).as("SQL on another feature's table").isEmpty();
        assertThat(writers).as("the scan finds the SQL at all").containsKeys("apps", "branches", "jobs");
    }

    private static void collect(Matcher matches, String feature, Map<String, Set<String>> into) {
        while (matches.find()) {
            String table = matches.group(1);
            if (!NOT_TABLES.contains(table)) {
                into.computeIfAbsent(table, t -> new TreeSet<>()).add(feature);
            }
        }
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> SOURCES.relativize(file).getNameCount() > 1).toList();
        }
    }
}

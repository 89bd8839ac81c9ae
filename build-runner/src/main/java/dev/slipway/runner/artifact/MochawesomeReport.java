package dev.slipway.runner.artifact;

import dev.slipway.protocol.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.slipway.protocol.runner.TestArtifactsUpload.Report;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the counts out of a mochawesome JSON report (what Amplify's {@code test.artifacts.configFilePath} names and
 * its console summarises): {@code stats.tests}, {@code stats.passes}, {@code stats.failures}. Anything else (not JSON,
 * no {@code stats}, too large to be a report) is simply no report: the artifacts are still kept.
 */
public final class MochawesomeReport {

    /** Merged reports of large suites stay well below this; anything bigger is not parsed into memory. */
    static final long MAX_BYTES = 32L << 20;

    private static final JsonMapper JSON = JsonMappers.STRICT;

    private MochawesomeReport() {
    }

    /** @param path the report as the job shows it (relative to the test artifacts directory) */
    public static Optional<Report> read(String path, Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode stats = JSON.readTree(file.toFile()).path("stats");
            if (!stats.path("tests").isNumber()) {
                return Optional.empty();
            }
            return Optional.of(new Report(path, stats.path("tests").asInt(), stats.path("passes").asInt(),
                    stats.path("failures").asInt()));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** The line the job log shows, in the words of Amplify's test summary. */
    public static String describe(Report report) {
        return "Test report " + report.path() + ": " + report.tests() + " tests, " + report.passes() + " passed, "
                + report.failures() + " failed";
    }
}

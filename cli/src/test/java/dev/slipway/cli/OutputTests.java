package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.Output.Column;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OutputTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Output output(boolean json) {
        return new Output(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, json);
    }

    @Test
    void rowsAreAlignedUnderTheirHeadersAndMissingValuesShowAsDashes() {
        JsonNode whole = ApiClient.JSON.readTree("{\"apps\":[{\"appId\":\"d1\",\"name\":\"site\"},{\"appId\":\"d22222\"}]}");
        output(false).table(whole, whole.path("apps"), List.of(Column.of("APP ID", "appId"), Column.of("NAME", "name")));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("APP ID  NAME\nd1      site\nd22222  -\n");
    }

    @Test
    void jsonPrintsTheApisAnswerAsItIs() {
        JsonNode whole = ApiClient.JSON.readTree("{\"apps\":[{\"appId\":\"d1\"}]}");
        output(true).table(whole, whole.path("apps"), List.of(Column.of("APP ID", "appId")));
        assertThat(ApiClient.JSON.readTree(out.toString(StandardCharsets.UTF_8))).isEqualTo(whole);
    }
}

package dev.slipway.protocol.redirect;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads ../shared/fixtures/redirects. */
final class RedirectFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private RedirectFixtures() {
    }

    static Path file(String name) {
        String shared = System.getProperty("slipway.shared.dir");
        if (shared == null) {
            fail("system property slipway.shared.dir is not set");
        }
        return Path.of(shared, "fixtures", "redirects", name);
    }

    static List<CustomRule> rules(String name) throws IOException {
        return JSON.readValue(Files.readString(file(name)), new TypeReference<List<CustomRule>>() { });
    }

    static JsonNode tree(String name) throws IOException {
        return JSON.readTree(Files.readString(file(name)));
    }
}

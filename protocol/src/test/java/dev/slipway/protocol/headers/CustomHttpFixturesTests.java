package dev.slipway.protocol.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file under ../shared/fixtures/custom-http loads; the ones in Amplify's schema yield headers. */
class CustomHttpFixturesTests {

    /** Vercel-style {@code headers:} file: loads, sets nothing, and says why. */
    private static final String NOT_AMPLIFY = "0biglife__0biglife-blog__customHttp.yml";

    private static Path root() {
        String shared = System.getProperty("slipway.shared.dir");
        if (shared == null) {
            fail("system property slipway.shared.dir is not set");
        }
        return Path.of(shared, "fixtures", "custom-http");
    }

    static Stream<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root())) {
            List<String> names = walk.filter(Files::isRegularFile)
                    .map(p -> root().relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(names).hasSize(11);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void loads(String name) throws Exception {
        CustomHttpFile file = CustomHttpParser.parse(
                Files.readString(root().resolve(name), StandardCharsets.UTF_8), "customHttp.yml");
        CustomHeaders headers = file.forAppRoot(name.contains("monorepo") ? "app2" : null);
        if (name.equals(NOT_AMPLIFY)) {
            assertThat(headers.isEmpty()).isTrue();
            assertThat(file.warnings()).anyMatch(w -> w.contains("unknown key 'headers'"));
            return;
        }
        assertThat(headers.rules()).isNotEmpty();
        assertThat(headers.rules()).allSatisfy(rule -> {
            assertThat(rule.headers()).isNotEmpty();
            assertThat(rule.headers()).allSatisfy(h -> assertThat(h.value()).doesNotContain("\n"));
        });
        assertThat(HeaderMatcher.compile(headers).isEmpty()).isFalse();
    }
}

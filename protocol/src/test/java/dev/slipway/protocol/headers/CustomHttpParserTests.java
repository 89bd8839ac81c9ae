package dev.slipway.protocol.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CustomHttpParserTests {

    @Test
    void wrongTypesAreErrorsWithTheLine() {
        assertThatThrownBy(() -> CustomHttpParser.parse("""
                customHeaders:
                  - pattern: '**'
                    headers: nope
                """, "customHttp.yml"))
                .isInstanceOfSatisfying(CustomHttpException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessage("customHttp.yml line 3: customHeaders[0].headers must be a list, not a value");
        assertThatThrownBy(() -> CustomHttpParser.parse("customHeaders: [\n", "customHttp.yml"))
                .hasMessageStartingWith("customHttp.yml line ");
    }

    @Test
    void framingHeadersAreDroppedWithAWarning() throws Exception {
        CustomHttpFile file = CustomHttpParser.parse("""
                customHeaders:
                  - pattern: '**'
                    headers:
                      - key: Content-Length
                        value: '5'
                      - key: X-Frame-Options
                        value: DENY
                """, "customHttp.yml");
        assertThat(file.forAppRoot(null).rules().getFirst().headers()).containsExactly(new Header("X-Frame-Options", "DENY"));
        assertThat(file.warnings()).singleElement().asString().startsWith("line 4:");
    }

    @Test
    void monorepoSelectsTheAppRoot() throws Exception {
        CustomHttpFile file = CustomHttpParser.parse("""
                applications:
                  - appRoot: /apps/web/
                    customHeaders:
                      - pattern: '**'
                        headers: [ { key: X-App, value: web } ]
                  - appRoot: apps/docs
                    customHeaders:
                      - pattern: '**'
                        headers: [ { key: X-App, value: docs } ]
                """, "customHttp.yml");
        assertThat(file.forAppRoot("apps/web").rules().getFirst().headers().getFirst().value()).isEqualTo("web");
        assertThat(file.forAppRoot("apps/docs/").rules().getFirst().headers().getFirst().value()).isEqualTo("docs");
        assertThat(file.forAppRoot(null).isEmpty()).isTrue();
        assertThat(file.forAppRoot("other").isEmpty()).isTrue();
    }

    @Test
    void theRepositoryRootIsSpelledAlikeInCustomHttpAndTheBuildSpec() throws Exception {
        CustomHttpFile file = CustomHttpParser.parse("""
                applications:
                  - appRoot: ./
                    customHeaders:
                      - pattern: '**'
                        headers: [ { key: X-App, value: root } ]
                  - appRoot: apps/docs
                    customHeaders:
                      - pattern: '**'
                        headers: [ { key: X-App, value: docs } ]
                """, "customHttp.yml");
        for (String root : new String[] {".", "./", "/", " . "}) {
            assertThat(file.forAppRoot(root).rules().getFirst().headers().getFirst().value()).as(root).isEqualTo("root");
        }
    }

    @Test
    void globDialectAndPrecedence() {
        HeaderMatcher matcher = HeaderMatcher.compile(new CustomHeaders(List.of(
                new HeaderRule("**", List.of(new Header("Cache-Control", "s-maxage=60"), new Header("X-All", "1"))),
                new HeaderRule("*.json", List.of(new Header("X-Json", "1"))),
                new HeaderRule("/img/*", List.of(new Header("cache-control", "s-maxage=3600"))),
                new HeaderRule("/assets/**/*.svg", List.of(new Header("X-Svg", "1"))),
                new HeaderRule("/", List.of(new Header("X-Root", "1"))))));
        assertThat(matcher.headersFor("/")).extracting(Header::key).containsExactly("Cache-Control", "X-All", "X-Root");
        assertThat(matcher.headersFor("/a/b/data.json")).extracting(Header::key).contains("X-Json");
        assertThat(matcher.headersFor("/img/cat.png")).contains(new Header("cache-control", "s-maxage=3600"));
        assertThat(matcher.headersFor("/img/a/cat.png")).contains(new Header("Cache-Control", "s-maxage=60"));
        assertThat(matcher.headersFor("/assets/logo.svg")).extracting(Header::key).contains("X-Svg");
        assertThat(matcher.headersFor("/assets/x/y/logo.svg")).extracting(Header::key).contains("X-Svg");
        assertThat(matcher.headersFor("/other/logo.svg")).extracting(Header::key).doesNotContain("X-Svg", "X-Root");
    }
}

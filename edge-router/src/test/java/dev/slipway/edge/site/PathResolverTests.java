package dev.slipway.edge.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathResolverTests {

    private static final Map<String, String> SITE = Map.of(
            "index.html", "root",
            "about.html", "about page",
            "docs/index.html", "docs",
            "assets/app.js", "js",
            "a b/c+d.txt", "spaced",
            "caf\u00e9.txt", "utf8");

    private static Resolution<String> resolve(String target) {
        return PathResolver.resolve(target, SITE::get);
    }

    private static Resolution<String> resolveWith404(String target) {
        Map<String, String> site = new java.util.HashMap<>(SITE);
        site.put("404.html", "custom 404");
        return PathResolver.resolve(target, site::get);
    }

    @Test
    void rootAndDirectoriesServeIndex() {
        assertThat(resolve("/")).isEqualTo(new Resolution.Serve<>("index.html", "root"));
        assertThat(resolve("/docs/")).isEqualTo(new Resolution.Serve<>("docs/index.html", "docs"));
        assertThat(resolve("/?utm=x")).isEqualTo(new Resolution.Serve<>("index.html", "root"));
    }

    @Test
    void exactFileWinsAndQueryIsIgnored() {
        assertThat(resolve("/assets/app.js?v=3#frag")).isEqualTo(new Resolution.Serve<>("assets/app.js", "js"));
        assertThat(resolve("http://example.test/assets/app.js")).isEqualTo(new Resolution.Serve<>("assets/app.js", "js"));
    }

    @Test
    void extensionlessPathFallsBackToHtml() {
        assertThat(resolve("/about")).isEqualTo(new Resolution.Serve<>("about.html", "about page"));
    }

    @Test
    void directoryWithoutSlashRedirectsKeepingQuery() {
        assertThat(resolve("/docs")).isEqualTo(new Resolution.Redirect<>("/docs/"));
        assertThat(resolve("/docs?q=1")).isEqualTo(new Resolution.Redirect<>("/docs/?q=1"));
    }

    @Test
    void percentDecodingIsForPathsNotForms() {
        assertThat(resolve("/a%20b/c+d.txt")).isEqualTo(new Resolution.Serve<>("a b/c+d.txt", "spaced"));
        assertThat(resolve("/caf%C3%A9.txt")).isEqualTo(new Resolution.Serve<>("caf\u00e9.txt", "utf8"));
        // raw UTF-8 bytes as Netty delivers them (one ISO-8859-1 char per byte)
        assertThat(resolve("/caf\u00c3\u00a9.txt")).isEqualTo(new Resolution.Serve<>("caf\u00e9.txt", "utf8"));
    }

    @Test
    void missingIsNotFoundWithTheSitesOwnPageWhenPresent() {
        assertThat(resolve("/nope")).isEqualTo(new Resolution.NotFound<>(null));
        assertThat(resolve("/docs/nope/")).isEqualTo(new Resolution.NotFound<>(null));
        assertThat(resolveWith404("/nope")).isEqualTo(new Resolution.NotFound<>("custom 404"));
    }

    @Test
    void traversalAndMalformedPathsAreRejected() {
        assertThat(resolve("/../etc/passwd")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/a/../../etc/passwd")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/%2e%2e/x")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/%2E%2E%2Fx")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/a%5c..%5cb")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/index.html%00.js")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/bad%zzescape")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/truncated%2")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("/%C3%28")).isInstanceOf(Resolution.BadRequest.class);
        assertThat(resolve("*")).isInstanceOf(Resolution.BadRequest.class);
    }

    @Test
    void unsafeKeysNeverReachTheManifestAndNeverRedirectOffSite() {
        assertThat(resolve("//index.html")).isEqualTo(new Resolution.NotFound<>(null));
        assertThat(resolve("/./index.html")).isEqualTo(new Resolution.NotFound<>(null));
        assertThat(resolve("/%2Fdocs")).isEqualTo(new Resolution.NotFound<>(null));
        assertThat(resolve("/docs//")).isEqualTo(new Resolution.NotFound<>(null));
    }
}

package dev.slipway.protocol.ssr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployManifestReaderTests {

    /** The Nuxt example of amplify-hosting-reference.md §11.2, verbatim. */
    private static final String NUXT = """
            {
              "version": 1,
              "routes": [
                { "path": "/_nuxt/image", "target": { "kind": "ImageOptimization", "cacheControl": "public, max-age=3600, immutable" } },
                { "path": "/_nuxt/builds/meta/*", "target": { "kind": "Static", "cacheControl": "public, max-age=31536000, immutable" } },
                { "path": "/_nuxt/builds/*", "target": { "kind": "Static", "cacheControl": "public, max-age=1, immutable" } },
                { "path": "/_nuxt/*", "target": { "kind": "Static", "cacheControl": "public, max-age=31536000, immutable" } },
                { "path": "/*.*", "target": { "kind": "Static" }, "fallback": { "kind": "Compute", "src": "default" } },
                { "path": "/*", "target": { "kind": "Compute", "src": "default" } }
              ],
              "computeResources": [ { "name": "default", "entrypoint": "server.js", "runtime": "nodejs22.x" } ],
              "framework": { "name": "nuxt", "version": "3.8.1" }
            }""";

    /** A small valid manifest the rule tests break one piece at a time. */
    private static final String BASE = """
            {"version": 1,
             "routes": [
               {"path": "/assets/*", "target": {"kind": "Static", "cacheControl": "public, max-age=60"}},
               {"path": "/*.*", "target": {"kind": "Static"}, "fallback": {"kind": "Compute", "src": "default"}},
               {"path": "/*", "target": {"kind": "Compute", "src": "default"}}
             ],
             "computeResources": [{"name": "default", "runtime": "nodejs20.x", "entrypoint": "server.js"}],
             "framework": {"name": "custom", "version": "1.0.0"}}""";

    private static final BundleContents FULL = new BundleContents(true, true, Set.of("server.js", "lib/x.js"), 100);

    private static DeployManifest read(String json, BundleContents contents) {
        return DeployManifestReader.read(json.getBytes(StandardCharsets.UTF_8), contents);
    }

    private static void assertRejected(String json, BundleContents contents, String message) {
        assertThatThrownBy(() -> read(json, contents)).isInstanceOf(DeployManifestException.class)
                .hasMessage("deploy-manifest.json: " + message);
    }

    private static void assertRejected(String json, String message) {
        assertRejected(json, FULL, message);
    }

    @Test
    void theReferenceNuxtExampleParsesOnceImageSettingsArePresent() {
        // the example's shape is fine, but it routes an ImageOptimization target without the imageSettings the rules
        // of the same section require, so only a completed copy passes them
        assertThat(DeployManifestReader.parse(NUXT.getBytes(StandardCharsets.UTF_8)).routes()).hasSize(6);
        assertRejected(NUXT, "routes[0] '/_nuxt/image': an ImageOptimization route requires imageSettings");
        String withImages = NUXT.replace("\"framework\"", """
                "imageSettings": {"sizes": [640, 1080], "domains": [], "remotePatterns": [{"protocol": "https",
                  "hostname": "**.example.com"}], "formats": ["image/webp"], "minumumCacheTTL": 60,
                  "dangerouslyAllowSVG": false},
                "framework\"""");

        DeployManifest manifest = read(withImages, FULL);

        assertThat(manifest.routes()).hasSize(6);
        assertThat(manifest.routes().get(4)).isEqualTo(new ComputeRoute("/*.*", RouteTarget.staticFiles(null),
                RouteTarget.compute()));
        assertThat(manifest.routes().getFirst().target())
                .isEqualTo(new RouteTarget(TargetKind.IMAGE_OPTIMIZATION, null, "public, max-age=3600, immutable"));
        assertThat(manifest.defaultCompute()).isEqualTo(new ComputeResource("default", "nodejs22.x", "server.js"));
        assertThat(manifest.framework()).isEqualTo(new FrameworkMetadata("nuxt", "3.8.1"));
        assertThat(manifest.imageSettings().minimumCacheTTL()).as("the documented misspelling").isEqualTo(60);
        assertThat(manifest.imageSettings().sizes()).containsExactly(640, 1080);
        ComputeBundle bundle = manifest.toBundle(new java.util.TreeMap<>());
        assertThat(bundle.route("/_nuxt/app.js").target().cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(bundle.route("/about").target().kind()).isEqualTo(TargetKind.COMPUTE);
        assertThat(bundle.framework() + " " + bundle.frameworkVersion() + " " + bundle.runtime())
                .isEqualTo("nuxt 3.8.1 nodejs22.x");
    }

    @Test
    void theCorrectSpellingOfMinimumCacheTtlWorksToo() {
        String json = BASE.replace("\"framework\"", "\"imageSettings\": {\"minimumCacheTTL\": 5}, \"framework\"");
        assertThat(read(json, FULL).imageSettings().minimumCacheTTL()).isEqualTo(5);
    }

    @Test
    void versionMustBeOne() {
        assertRejected(BASE.replace("\"version\": 1", "\"version\": 2"), "version must be 1 (the only version), found 2");
        assertRejected(BASE.replace("\"version\": 1,", ""), "version must be 1 (the only version), found nothing");
        assertRejected("[1]", "must be a JSON object");
        assertThatThrownBy(() -> read("{", FULL)).hasMessageStartingWith("deploy-manifest.json: not valid JSON");
    }

    @Test
    void routesAreRequiredAndAtMostTwentyFive() {
        assertRejected("{\"version\": 1, \"framework\": {\"name\": \"x\", \"version\": \"1.0.0\"}}",
                "routes is required and must end with the catch-all '/*'");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            many.append("{\"path\": \"/r").append(i).append("\", \"target\": {\"kind\": \"Static\"}},");
        }
        String json = BASE.replace("\"routes\": [", "\"routes\": [" + many);
        assertRejected(json, "routes has 28 entries; at most 25 are allowed");
    }

    @Test
    void theLastRouteMustBeTheCatchAll() {
        String json = BASE.replace("{\"path\": \"/*\", \"target\": {\"kind\": \"Compute\", \"src\": \"default\"}}",
                "{\"path\": \"/x\", \"target\": {\"kind\": \"Compute\", \"src\": \"default\"}}");
        assertRejected(json, "routes[2].path '/x': the last route must be the catch-all '/*'");
    }

    @Test
    void pathsAreShortStartWithSlashAndUseTheAllowedCharacters() {
        assertRejected(BASE.replace("/assets/*", "assets/*"), "routes[0].path 'assets/*': must start with '/'");
        assertRejected(BASE.replace("/assets/*", "/a b"),
                "routes[0].path '/a b': only letters, digits and _ - . * $ / ~ \" ' @ : + are allowed");
        assertRejected(BASE.replace("/assets/*", "/a?b"),
                "routes[0].path '/a?b': only letters, digits and _ - . * $ / ~ \" ' @ : + are allowed");
        String longPath = "/" + "a".repeat(255);
        assertRejected(BASE.replace("/assets/*", longPath),
                "routes[0].path '" + longPath + "': longer than 255 characters");
        assertThat(read(BASE.replace("/assets/*", "/" + "a".repeat(254)), FULL).routes()).hasSize(3);
        assertThat(read(BASE.replace("/assets/*", "/_~$@:+'-x.y/*"), FULL).routes()).hasSize(3);
        assertRejected(BASE.replace("\"path\": \"/assets/*\", ", ""), "routes[0].path is required");
    }

    @Test
    void targetIsRequiredAndItsKindKnown() {
        assertRejected(BASE.replace(", \"target\": {\"kind\": \"Static\", \"cacheControl\": \"public, max-age=60\"}", ""),
                "routes[0] '/assets/*': target is required");
        assertRejected(BASE.replace("\"kind\": \"Static\", \"cacheControl\"", "\"kind\": \"static\", \"cacheControl\""),
                "routes[0].target.kind: target kind 'static' is not one of Static, Compute, ImageOptimization");
    }

    @Test
    void computeTargetsNameTheDefaultResource() {
        String last = "{\"path\": \"/*\", \"target\": {\"kind\": \"Compute\", \"src\": \"default\"}}";
        assertRejected(BASE.replace(last, "{\"path\": \"/*\", \"target\": {\"kind\": \"Compute\"}}"),
                "routes[2] '/*'.target.src is required for a Compute target");
        assertRejected(BASE.replace(last, "{\"path\": \"/*\", \"target\": {\"kind\": \"Compute\", \"src\": \"api\"}}"),
                "routes[2] '/*'.target.src 'api': only the compute resource 'default' is supported");
    }

    @Test
    void staticAndComputeRoutesNeedTheirDirectoriesAndResources() {
        assertRejected(BASE, new BundleContents(false, true, Set.of("server.js"), 1),
                "routes[0] '/assets/*'.target: a Static target requires the static/ directory");
        assertRejected(BASE, new BundleContents(true, false, Set.of(), 0),
                "routes[1] '/*.*'.fallback: a Compute target requires the compute/ directory");
        String noResources = BASE.replace(
                "\"computeResources\": [{\"name\": \"default\", \"runtime\": \"nodejs20.x\", \"entrypoint\": \"server.js\"}],",
                "");
        assertRejected(noResources, "routes[1] '/*.*'.fallback.src 'default' names no entry of computeResources");
    }

    @Test
    void imageOptimizationNeedsImageSettingsAndAComputeRoute() {
        String image = "{\"path\": \"/img\", \"target\": {\"kind\": \"ImageOptimization\"}},";
        assertRejected(BASE.replace("\"routes\": [", "\"routes\": [" + image),
                "routes[0] '/img': an ImageOptimization route requires imageSettings");
        String staticOnly = """
                {"version": 1, "routes": [%s {"path": "/*", "target": {"kind": "Static"}}],
                 "imageSettings": {"sizes": [100]}, "framework": {"name": "x", "version": "1.0.0"}}"""
                .formatted(image);
        assertRejected(staticOnly, new BundleContents(true, false, Set.of(), 0),
                "routes[0] '/img': an ImageOptimization route requires a Compute route (not supported for static apps)");
    }

    @Test
    void aFallbackKindMustDifferFromItsTarget() {
        assertRejected(BASE.replace("\"fallback\": {\"kind\": \"Compute\", \"src\": \"default\"}",
                        "\"fallback\": {\"kind\": \"Static\"}"),
                "routes[1] '/*.*'.fallback: its kind must differ from the target's (Static)");
    }

    @Test
    void computeResourcesAreDefaultWithAKnownRuntimeAnExistingEntrypointAndAUse() {
        assertRejected(BASE.replace("\"name\": \"default\"", "\"name\": \"api\""),
                "routes[1] '/*.*'.fallback.src 'default' names no entry of computeResources");
        String twoResources = BASE.replace("\"computeResources\": [",
                "\"computeResources\": [{\"name\": \"api\", \"runtime\": \"nodejs20.x\", \"entrypoint\": \"server.js\"},");
        assertRejected(twoResources, "computeResources[0].name 'api': the only allowed name is 'default'");
        assertRejected(BASE.replace("nodejs20.x", "nodejs14.x"), "computeResources[0].runtime 'nodejs14.x': must be "
                + "one of nodejs16.x, nodejs18.x, nodejs20.x, nodejs22.x");
        for (String runtime : DeployManifestRules.RUNTIMES) {
            assertThat(read(BASE.replace("nodejs20.x", runtime), FULL).defaultCompute().runtime()).isEqualTo(runtime);
        }
        assertRejected(BASE.replace("\"entrypoint\": \"server.js\"", "\"entrypoint\": \"index.mjs\""),
                "computeResources[0].entrypoint 'index.mjs': no such file in compute/default/");
        String unused = """
                {"version": 1, "routes": [{"path": "/*", "target": {"kind": "Static"}}],
                 "computeResources": [{"name": "default", "runtime": "nodejs20.x", "entrypoint": "server.js"}],
                 "framework": {"name": "x", "version": "1.0.0"}}""";
        assertRejected(unused, "computeResources[0] 'default': no route targets it; every compute resource must be "
                + "referenced by a route");
        assertRejected(BASE.replace("\"computeResources\": [", "\"computeResources\": [{\"name\": \"default\", "
                        + "\"runtime\": \"nodejs20.x\", \"entrypoint\": \"server.js\"},"),
                "computeResources[1].name 'default': listed twice");
    }

    @Test
    void frameworkIsRequiredWithASemanticVersion() {
        assertRejected(BASE.replace(",\n \"framework\": {\"name\": \"custom\", \"version\": \"1.0.0\"}", ""),
                "framework is required ({\"name\": ..., \"version\": ...})");
        assertRejected(BASE.replace("\"version\": \"1.0.0\"", "\"version\": \"3.x\""),
                "framework.version '3.x': must be a semantic version such as 3.8.1");
        assertRejected(BASE.replace("\"name\": \"custom\", ", ""), "framework.name is required");
        assertThat(read(BASE.replace("1.0.0", "15.0.0-canary.3+build.7"), FULL).framework().version())
                .isEqualTo("15.0.0-canary.3+build.7");
    }

    @Test
    void theComputeBundleIsAtMost220Megabytes() {
        assertRejected(BASE, new BundleContents(true, true, Set.of("server.js"), BundleContents.MAX_COMPUTE_BYTES + 1),
                "compute/default/ holds 230686721 bytes; a compute bundle may hold at most 220 MB uncompressed");
        assertThat(read(BASE, new BundleContents(true, true, Set.of("server.js"), BundleContents.MAX_COMPUTE_BYTES))
                .routes()).hasSize(3);
    }

    @Test
    void atLeastOneRouteServesStaticOrCompute() {
        String onlyImages = """
                {"version": 1, "routes": [{"path": "/*", "target": {"kind": "ImageOptimization"}}],
                 "imageSettings": {}, "framework": {"name": "x", "version": "1.0.0"}}""";
        assertRejected(onlyImages, "routes: at least one route must target Static or Compute");
    }

    @Test
    void imageSettingsAllowHttpsRemotesAndKnownFormatsOnly() {
        String settings = "\"imageSettings\": %s, \"framework\"";
        assertRejected(BASE.replace("\"framework\"", settings.formatted("{\"formats\": [\"image/gif\"]}")),
                "imageSettings.formats[0] 'image/gif': must be one of image/avif, image/webp, image/png, image/jpeg");
        assertRejected(BASE.replace("\"framework\"",
                        settings.formatted("{\"remotePatterns\": [{\"protocol\": \"http\", \"hostname\": \"a.b\"}]}")),
                "imageSettings.remotePatterns[0].protocol 'http': only https");
        assertRejected(BASE.replace("\"framework\"",
                        settings.formatted("{\"remotePatterns\": [{\"hostname\": \"**\"}]}")),
                "imageSettings.remotePatterns[0].hostname is required and may not be a bare '**'");
        assertRejected(BASE.replace("\"framework\"", settings.formatted("{\"sizes\": [\"big\"]}")),
                "imageSettings.sizes[0] must be a positive width in pixels, found \"big\"");
    }

    @Test
    void wrongTypesAreNamedByTheirPosition() {
        assertRejected(BASE.replace("\"path\": \"/assets/*\"", "\"path\": 5"),
                "routes[0].path must be a string, found 5");
        assertRejected(BASE.replace("\"routes\": [", "\"routes\": [7,"), "routes[0] must be an object, found 7");
    }
}

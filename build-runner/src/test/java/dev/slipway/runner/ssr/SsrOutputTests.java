package dev.slipway.runner.ssr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.DeployManifestException;
import dev.slipway.protocol.ssr.TargetKind;
import dev.slipway.runner.artifact.ArtifactCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsrOutputTests {

    static final String MANIFEST = """
            {"version": 1,
             "routes": [
               {"path": "/_nuxt/*", "target": {"kind": "Static", "cacheControl": "public, max-age=31536000, immutable"}},
               {"path": "/*.*", "target": {"kind": "Static"}, "fallback": {"kind": "Compute", "src": "default"}},
               {"path": "/*", "target": {"kind": "Compute", "src": "default"}}],
             "computeResources": [{"name": "default", "entrypoint": "server.js", "runtime": "nodejs22.x"}],
             "framework": {"name": "nuxt", "version": "3.8.1"}}""";

    @TempDir
    Path temp;

    @Test
    void anAmplifyHostingBundleIsDeployedWithItsRoutesAndComputeFiles() throws Exception {
        Path out = temp.resolve("out");
        Path bundle = out.resolve(".amplify-hosting");
        write(bundle.resolve("deploy-manifest.json"), MANIFEST);
        write(bundle.resolve("static/favicon.ico"), "ico");
        write(bundle.resolve("static/_nuxt/entry.js"), "entry");
        write(bundle.resolve("compute/default/server.js"), "require('http').createServer().listen(3000)");
        write(bundle.resolve("compute/default/chunks/page.mjs"), "export default 1");
        write(out.resolve("other.txt"), "not part of the bundle");

        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        SsrBundle ssr = SsrOutput.of(out, "out", null).orElseThrow();
        ArtifactCollector.Collected collected = ssr.store(new ArtifactCollector(blobs), CustomHeaders.NONE);

        DeploymentManifest stored = DeploymentManifest.fromJson(blobs.read(collected.upload().manifestHash()));
        assertThat(stored.files()).containsOnlyKeys("favicon.ico", "_nuxt/entry.js");
        ComputeBundle compute = stored.compute();
        assertThat(compute.files()).containsOnlyKeys("server.js", "chunks/page.mjs");
        assertThat(new String(blobs.read(compute.files().get("server.js").hash()), StandardCharsets.UTF_8))
                .contains("listen(3000)");
        assertThat(compute.entrypoint()).isEqualTo("server.js");
        assertThat(compute.runtime()).isEqualTo("nodejs22.x");
        assertThat(compute.routes()).hasSize(3);
        assertThat(compute.route("/_nuxt/x.js").target().cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(collected.upload().fileCount()).isEqualTo(4);
        assertThat(ssr.shownFiles()).containsOnlyKeys(".amplify-hosting/static/favicon.ico",
                ".amplify-hosting/static/_nuxt/entry.js", ".amplify-hosting/compute/default/server.js",
                ".amplify-hosting/compute/default/chunks/page.mjs");
        assertThat(SsrBundle.describe(stored)).isEqualTo("SSR deployment: 2 static files, compute bundle 2 files (59 "
                + "bytes), entrypoint server.js, runtime nodejs22.x, framework nuxt 3.8.1");
    }

    @Test
    void theArtifactDirectoryCanBeTheBundleItselfAndItsRulesAreEnforced() throws Exception {
        Path bundle = temp.resolve(".amplify-hosting");
        write(bundle.resolve("deploy-manifest.json"), MANIFEST);
        write(bundle.resolve("static/a.css"), "a");
        assertThatThrownBy(() -> SsrOutput.of(bundle, ".amplify-hosting", null))
                .isInstanceOf(DeployManifestException.class).hasMessage("deploy-manifest.json: routes[1] '/*.*'.fallback: "
                        + "a Compute target requires the compute/ directory");
        write(bundle.resolve("compute/default/index.mjs"), "x");
        assertThatThrownBy(() -> SsrOutput.of(bundle, ".amplify-hosting", null)).hasMessage("deploy-manifest.json: "
                + "computeResources[0].entrypoint 'server.js': no such file in compute/default/");
        write(bundle.resolve("compute/default/server.js"), "x");
        assertThat(SsrOutput.of(bundle, ".amplify-hosting", null).orElseThrow().computeFiles())
                .containsOnlyKeys("index.mjs", "server.js");
    }

    @Test
    void aStaticSiteIsNoSsrBundle() throws Exception {
        write(temp.resolve("dist/index.html"), "<h1>hi</h1>");
        assertThat(SsrOutput.of(temp.resolve("dist"), "dist", null)).isEmpty();
        assertThat(SsrOutput.of(temp.resolve("dist"), "apps/web/dist", null)).isEmpty();
    }

    @Test
    void nextStandaloneOutputBecomesAComputeBundleWithItsAssets() throws Exception {
        Path next = temp.resolve("artifacts");
        write(next.resolve("standalone/server.js"), "server");
        write(next.resolve("standalone/.next/server/app/page.js"), "page");
        write(next.resolve("standalone/node_modules/next/package.json"), "{\"name\":\"next\",\"version\":\"15.1.2\"}");
        write(next.resolve("static/chunks/main-abc.js"), "main");
        write(next.resolve("cache/webpack/x.pack"), "cache is never deployed");
        Path publicDir = temp.resolve("next-public");
        write(publicDir.resolve("logo.svg"), "<svg/>");

        SsrBundle ssr = SsrOutput.of(next, ".next", publicDir).orElseThrow();

        assertThat(ssr.computeFiles()).containsOnlyKeys("server.js", ".next/server/app/page.js",
                "node_modules/next/package.json", ".next/static/chunks/main-abc.js", "public/logo.svg");
        assertThat(ssr.staticFiles()).containsOnlyKeys("_next/static/chunks/main-abc.js", "logo.svg");
        assertThat(ssr.manifest().routes()).isEqualTo(NextStandaloneBundle.ROUTES);
        assertThat(ssr.manifest().routes().getFirst().target().cacheControl())
                .isEqualTo("public, max-age=31536000, immutable");
        assertThat(ssr.manifest().routes().get(1).fallback().kind()).isEqualTo(TargetKind.COMPUTE);
        assertThat(ssr.manifest().defaultCompute().entrypoint()).isEqualTo("server.js");
        assertThat(ssr.manifest().defaultCompute().runtime()).isEqualTo("nodejs22.x");
        assertThat(ssr.manifest().framework().name() + " " + ssr.manifest().framework().version())
                .isEqualTo("nextjs 15.1.2");
        assertThat(ssr.shownFiles()).containsKeys("standalone/server.js", "static/chunks/main-abc.js",
                "../public/logo.svg");
    }

    @Test
    void inAMonorepoTheNestedServerIsTheEntrypointAndAssetsGoBesideIt() throws Exception {
        Path next = temp.resolve("artifacts");
        write(next.resolve("standalone/apps/web/server.js"), "server");
        write(next.resolve("standalone/node_modules/next/dist/server.js"), "not the entrypoint");
        write(next.resolve("standalone/node_modules/next/package.json"), "{\"version\":\"14.2.3\"}");
        write(next.resolve("static/css/app.css"), "css");

        SsrBundle ssr = SsrOutput.of(next, "apps/web/.next", null).orElseThrow();

        assertThat(ssr.manifest().defaultCompute().entrypoint()).isEqualTo("apps/web/server.js");
        assertThat(ssr.computeFiles()).containsKeys("apps/web/.next/static/css/app.css");
        assertThat(ssr.staticFiles()).containsOnlyKeys("_next/static/css/app.css");
        assertThat(ssr.manifest().framework().version()).isEqualTo("14.2.3");
    }

    @Test
    void nextWithoutStandaloneOutputIsAClearFailure() throws Exception {
        write(temp.resolve("artifacts/server/app/page.js"), "page");
        assertThatThrownBy(() -> SsrOutput.of(temp.resolve("artifacts"), ".next", null))
                .isInstanceOf(SsrOutputException.class).hasMessageContaining(".next/standalone/ is missing")
                .hasMessageContaining("output: 'standalone'").hasMessageContaining("NEXT_PRIVATE_STANDALONE");
        write(temp.resolve("artifacts/standalone/README.md"), "no server");
        assertThatThrownBy(() -> SsrOutput.of(temp.resolve("artifacts"), ".next", null))
                .hasMessageContaining("has no server.js");
    }

    @Test
    void withoutNextsPackageJsonTheVersionIsAPlaceholder() throws Exception {
        write(temp.resolve("artifacts/standalone/server.js"), "server");
        assertThat(SsrOutput.of(temp.resolve("artifacts"), ".next", null).orElseThrow().manifest().framework()
                .version()).isEqualTo("0.0.0");
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}

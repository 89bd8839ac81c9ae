package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.slipway.protocol.buildspec.AppSpec;
import dev.slipway.protocol.buildspec.BuildSpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkDetectorTests {

    @TempDir
    Path repo;

    @Test
    void eachFrameworkGetsAmplifysDefaultOutputDirectory() throws Exception {
        assertDetected(Map.of("package.json", pkg("\"vite\":\"^6.0.0\",\"react\":\"19.0.0\"")), "React (Vite)", "dist");
        assertDetected(Map.of("package.json", pkg("\"vite\":\"^6.0.0\",\"vue\":\"3.5.0\"")), "Vue (Vite)", "dist");
        assertDetected(Map.of("package.json", pkg("\"react-scripts\":\"5.0.1\"")), "Create React App", "build");
        assertDetected(Map.of("package.json", pkg("\"@vue/cli-service\":\"5.0.0\"")), "Vue CLI", "dist");
        assertDetected(Map.of("package.json", pkg("\"astro\":\"5.0.0\"")), "Astro", "dist");
        assertDetected(Map.of("package.json", pkg("\"gatsby\":\"5.0.0\"")), "Gatsby", "public");
        assertDetected(Map.of("package.json", pkg("\"next\":\"15.0.0\""),
                "next.config.mjs", "export default { output: 'export' };"), "Next.js (static export)", "out");
        assertDetected(Map.of("package.json", pkg("\"@angular/core\":\"19.0.0\""), "angular.json", """
                {"projects":{"shop":{"architect":{"build":{"builder":"@angular/build:application",
                 "options":{"outputPath":"dist/shop"}}}}}}"""), "Angular", "dist/shop/browser");
        assertDetected(Map.of("package.json", pkg("\"@angular/core\":\"15.0.0\""), "angular.json", """
                {"projects":{"shop":{"architect":{"build":{"builder":"@angular-devkit/build-angular:browser",
                 "options":{"outputPath":"dist/shop"}}}}}}"""), "Angular", "dist/shop");
        assertDetected(Map.of("hugo.toml", "title = 'x'"), "Hugo", "public");
        assertDetected(Map.of("config.toml", "title = 'x'", "content/_index.md", "# hi"), "Hugo", "public");
        assertDetected(Map.of("index.html", "<h1>hi</h1>"), "Static website (no build)", "/");
    }

    @Test
    void lockFileChoosesThePackageManager() throws Exception {
        AppSpec pnpm = assertDetected(Map.of("package.json", pkg("\"vite\":\"6.0.0\""), "pnpm-lock.yaml", ""),
                "Vite", "dist");
        assertThat(pnpm.frontend().phases().preBuild()).containsExactly("corepack enable", "pnpm install --frozen-lockfile");
        assertThat(pnpm.frontend().phases().build()).containsExactly("pnpm run build");
        AppSpec yarn = assertDetected(Map.of("package.json", pkg("\"vite\":\"6.0.0\""), "yarn.lock", ""), "Vite", "dist");
        assertThat(yarn.frontend().phases().preBuild()).containsExactly("yarn install --frozen-lockfile");
        AppSpec npm = assertDetected(Map.of("package.json", pkg("\"vite\":\"6.0.0\""), "package-lock.json", "{}"),
                "Vite", "dist");
        assertThat(npm.frontend().phases().preBuild()).containsExactly("npm ci --cache .npm --prefer-offline");
        assertThat(npm.frontend().cachePaths()).containsExactly(".npm/**/*");
    }

    @Test
    void serverRenderedNextGetsAmplifysDefaultSsrSpec() throws Exception {
        AppSpec npm = assertDetected(Map.of("package.json", pkg("\"next\":\"15.0.0\""), "package-lock.json", "{}"),
                "Next.js (server-side rendering)", ".next");
        assertThat(npm.frontend().phases().preBuild()).containsExactly("npm ci --cache .npm --prefer-offline");
        assertThat(npm.frontend().phases().build()).containsExactly("npm run build");
        assertThat(npm.frontend().cachePaths()).containsExactly(".next/cache/**/*", ".npm/**/*", "node_modules/**/*");
        AppSpec pnpm = assertDetected(Map.of("package.json", pkg("\"next\":\"15.0.0\""), "pnpm-lock.yaml", "",
                "next.config.js", "module.exports = { output: 'standalone' }"), "Next.js (server-side rendering)", ".next");
        assertThat(pnpm.frontend().phases().build()).containsExactly("pnpm run build");
        assertThat(pnpm.frontend().cachePaths()).containsExactly(".next/cache/**/*", "node_modules/**/*");
    }

    @Test
    void nextServerIsToldFromAStaticExport() throws Exception {
        assertThat(FrameworkDetector.isNextServer(repo)).isFalse();
        write(Map.of("package.json", pkg("\"next\":\"15.0.0\"")));
        assertThat(FrameworkDetector.isNextServer(repo)).isTrue();
        write(Map.of("next.config.mjs", "export default { output: \"export\" };"));
        assertThat(FrameworkDetector.isNextServer(repo)).isFalse();
        write(Map.of("package.json", "{not json"));
        assertThat(FrameworkDetector.isNextServer(repo)).isFalse();
    }

    @Test
    void unknownPackagesAreClearFailuresAndNothingIsEmpty() throws Exception {
        write(Map.of("package.json", pkg("\"lodash\":\"4.0.0\"")));
        assertThatThrownBy(() -> FrameworkDetector.detect(repo)).hasMessageContaining("no framework Slipway recognises");
        write(Map.of("package.json", "{not json"));
        assertThatThrownBy(() -> FrameworkDetector.detect(repo)).hasMessageContaining("package.json is not valid JSON");
        Files.delete(repo.resolve("package.json"));
        write(Map.of("README.md", "hi"));
        assertThat(FrameworkDetector.detect(repo)).isEmpty();
    }

    private AppSpec assertDetected(Map<String, String> files, String framework, String baseDirectory) throws Exception {
        Path dir = Files.createTempDirectory(repo, "case");
        files.forEach((name, content) -> {
            try {
                Files.createDirectories(dir.resolve(name).getParent());
                Files.writeString(dir.resolve(name), content);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FrameworkDetector.Detected detected = FrameworkDetector.detect(dir).orElseThrow();
        assertThat(detected.framework()).isEqualTo(framework);
        var spec = BuildSpecParser.parse(detected.buildSpec(), "generated");
        assertThat(spec.warnings()).isEmpty();
        AppSpec app = spec.select(null, "generated");
        assertThat(app.frontend().artifacts().baseDirectory()).as(detected.buildSpec()).isEqualTo(baseDirectory);
        assertThat(app.frontend().artifacts().files()).containsExactly("**/*");
        return app;
    }

    private void write(Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Files.writeString(repo.resolve(file.getKey()), file.getValue());
        }
    }

    private static String pkg(String dependencies) {
        return "{\"name\":\"site\",\"scripts\":{\"build\":\"x\"},\"dependencies\":{" + dependencies + "}}";
    }
}

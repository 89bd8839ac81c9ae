package dev.slipway.runner.spec;

import dev.slipway.protocol.json.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Amplify does when a repository has no amplify.yml and the app no build spec: recognise the framework from
 * {@code package.json} (or Hugo's config, or a bare {@code index.html}) and generate the default build spec, in
 * Amplify's shape, with the package manager the lock file names. Reads only files at the repository root (plus
 * {@code angular.json}'s output path and {@code next.config.*}'s {@code output: 'export'}, which tells a static
 * Next export from a server-rendered app); runs nothing.
 */
public final class FrameworkDetector {

    private static final JsonMapper JSON = JsonMappers.STRICT;
    private static final Pattern NEXT_EXPORT = Pattern.compile("output\\s*:\\s*['\"`]export['\"`]");
    private static final long MAX_READ = 1 << 20;
    private static final String NODE_MODULES = "node_modules/**/*";

    /** The framework's name as the log shows it and the generated spec's YAML. */
    public record Detected(String framework, String buildSpec) {
    }

    /** A repository Slipway recognises but cannot build without a spec. */
    public static final class UnsupportedFrameworkException extends IOException {
        public UnsupportedFrameworkException(String message) {
            super(message);
        }
    }

    private FrameworkDetector() {
    }

    /** Empty when nothing is recognised. */
    public static Optional<Detected> detect(Path root) throws IOException {
        Path packageJson = root.resolve("package.json");
        if (isFile(packageJson)) {
            return Optional.of(node(root, readJson(packageJson)));
        }
        for (String config : List.of("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml")) {
            if (isFile(root.resolve(config)) && (config.startsWith("hugo")
                    || Files.isDirectory(root.resolve("content")) || Files.isDirectory(root.resolve("layouts")))) {
                return Optional.of(new Detected("Hugo", spec(List.of(), List.of("hugo"), "public", List.of())));
            }
        }
        if (isFile(root.resolve("index.html"))) {
            return Optional.of(new Detected("Static website (no build)",
                    spec(List.of(), List.of("echo 'Static website, nothing to build'"), "/", List.of())));
        }
        return Optional.empty();
    }

    private static Detected node(Path root, JsonNode pkg) throws IOException {
        PackageManager manager = PackageManager.of(root);
        List<String> cache = new ArrayList<>(manager.cachePaths);
        String framework;
        String output;
        if (depends(pkg, "next")) {
            if (isStaticNextExport(root, pkg)) {
                framework = "Next.js (static export)";
                output = "out";
                cache.addFirst(".next/cache/**/*");
            } else {
                // Amplify's default Next SSR spec; the runner deploys .next/standalone (see NextStandalone)
                framework = "Next.js (server-side rendering)";
                output = ".next";
                cache.addFirst(".next/cache/**/*");
                if (!cache.contains(NODE_MODULES)) {
                    cache.add(NODE_MODULES);
                }
            }
        } else if (depends(pkg, "gatsby")) {
            framework = "Gatsby";
            output = "public";
            cache.addFirst(".cache/**/*");
        } else if (depends(pkg, "astro")) {
            framework = "Astro";
            output = "dist";
        } else if (depends(pkg, "@angular/core")) {
            framework = "Angular";
            output = angularOutput(root, pkg);
        } else if (depends(pkg, "vite")) {
            framework = depends(pkg, "vue") ? "Vue (Vite)" : depends(pkg, "react") ? "React (Vite)" : "Vite";
            output = "dist";
        } else if (depends(pkg, "react-scripts")) {
            framework = "Create React App";
            output = "build";
        } else if (depends(pkg, "@vue/cli-service")) {
            framework = "Vue CLI";
            output = "dist";
        } else if (isFile(root.resolve("index.html"))) {
            return new Detected("Static website (no build)",
                    spec(List.of(), List.of("echo 'Static website, nothing to build'"), "/", List.of()));
        } else {
            throw new UnsupportedFrameworkException("package.json names no framework Slipway recognises (Vite, "
                    + "Next.js, Create React App, Angular, Vue, Astro, Gatsby) and there is no "
                    + "amplify.yml or build spec: add an amplify.yml");
        }
        return new Detected(framework, spec(manager.install, List.of(manager.run + " build"), output, cache));
    }

    /**
     * Whether the app at {@code appRoot} is a Next.js app rendered on the server (it depends on {@code next} and does
     * not export a static site), whatever build spec builds it. False when its package.json cannot be read: the
     * build reports that itself.
     */
    public static boolean isNextServer(Path appRoot) {
        Path packageJson = appRoot.resolve("package.json");
        try {
            if (!isFile(packageJson)) {
                return false;
            }
            JsonNode pkg = readJson(packageJson);
            return depends(pkg, "next") && !isStaticNextExport(appRoot, pkg);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Angular's {@code outputPath} of the first project; the application builder (v17+) writes {@code browser/}. */
    private static String angularOutput(Path root, JsonNode pkg) throws IOException {
        String name = pkg.path("name").asString("app");
        Path angularJson = root.resolve("angular.json");
        if (!isFile(angularJson)) {
            return "dist/" + name;
        }
        for (var entry : readJson(angularJson).path("projects").properties()) {
            JsonNode build = entry.getValue().path("architect").path("build");
            JsonNode outputPath = build.path("options").path("outputPath");
            boolean applicationBuilder = build.path("builder").asString("").endsWith(":application");
            if (outputPath.isObject()) {
                return outputPath.path("base").asString("dist/" + name) + "/"
                        + outputPath.path("browser").asString("browser");
            }
            if (outputPath.isString()) {
                return outputPath.asString() + (applicationBuilder ? "/browser" : "");
            }
            return "dist/" + entry.getKey() + (applicationBuilder ? "/browser" : "");
        }
        return "dist/" + name;
    }

    private static boolean isStaticNextExport(Path root, JsonNode pkg) throws IOException {
        if (pkg.path("scripts").path("build").asString("").contains("next export")) {
            return true;
        }
        for (String config : List.of("next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs")) {
            Path file = root.resolve(config);
            if (isFile(file) && Files.size(file) < MAX_READ
                    && NEXT_EXPORT.matcher(Files.readString(file, StandardCharsets.UTF_8)).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean depends(JsonNode pkg, String name) {
        return pkg.path("dependencies").has(name) || pkg.path("devDependencies").has(name);
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (Files.size(file) > MAX_READ) {
            throw new UnsupportedFrameworkException(file.getFileName() + " is larger than 1 MiB");
        }
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new UnsupportedFrameworkException(file.getFileName() + " is not valid JSON, so the framework cannot "
                    + "be detected: " + e.getOriginalMessage());
        }
    }

    private static boolean isFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Amplify's default spec layout. */
    static String spec(List<String> preBuild, List<String> build, String baseDirectory, List<String> cachePaths) {
        StringBuilder yaml = new StringBuilder("version: 1\nfrontend:\n  phases:\n");
        if (!preBuild.isEmpty()) {
            yaml.append("    preBuild:\n      commands:\n");
            preBuild.forEach(c -> yaml.append("        - ").append(c).append('\n'));
        }
        yaml.append("    build:\n      commands:\n");
        build.forEach(c -> yaml.append("        - ").append(c).append('\n'));
        yaml.append("  artifacts:\n    baseDirectory: ").append(baseDirectory).append("\n    files:\n      - '**/*'\n");
        if (!cachePaths.isEmpty()) {
            yaml.append("  cache:\n    paths:\n");
            cachePaths.forEach(p -> yaml.append("      - ").append(p).append('\n'));
        }
        return yaml.toString();
    }

    /** The install commands and cache of the manager whose lock file the repository has (npm without one). */
    private record PackageManager(List<String> install, String run, List<String> cachePaths) {

        static PackageManager of(Path root) {
            if (isFile(root.resolve("pnpm-lock.yaml"))) {
                return new PackageManager(List.of("corepack enable", "pnpm install --frozen-lockfile"), "pnpm run",
                        List.of("node_modules/**/*"));
            }
            if (isFile(root.resolve("yarn.lock"))) {
                return new PackageManager(List.of("yarn install --frozen-lockfile"), "yarn run",
                        List.of("node_modules/**/*"));
            }
            if (isFile(root.resolve("package-lock.json")) || isFile(root.resolve("npm-shrinkwrap.json"))) {
                return new PackageManager(List.of("npm ci --cache .npm --prefer-offline"), "npm run",
                        List.of(".npm/**/*"));
            }
            return new PackageManager(List.of("npm install --cache .npm --prefer-offline"), "npm run",
                    List.of(".npm/**/*"));
        }
    }
}

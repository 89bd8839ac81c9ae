package dev.slipway.runner.ssr;

import dev.slipway.protocol.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.slipway.protocol.ssr.BundleContents;
import dev.slipway.protocol.ssr.ComputeBundle;
import dev.slipway.protocol.ssr.ComputeResource;
import dev.slipway.protocol.ssr.ComputeRoute;
import dev.slipway.protocol.ssr.DeployManifest;
import dev.slipway.protocol.ssr.DeployManifestRules;
import dev.slipway.protocol.ssr.FrameworkMetadata;
import dev.slipway.protocol.ssr.RouteTarget;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a Next.js build ({@code .next} with {@code standalone/}, which the runner asks for through
 * {@code NEXT_PRIVATE_STANDALONE}) into the bundle Amplify would deploy, since Next writes no deploy manifest.
 * The compute side is the standalone tree plus the assets its {@code server.js} serves from beside itself
 * ({@code .next/static/} and {@code public/}, which {@code next build} leaves out of it); the edge serves the same
 * assets itself, and asks the server for the rest.
 */
public final class NextStandaloneBundle {

    public static final String DIRECTORY = ".next";
    public static final String RUNTIME = "nodejs22.x";
    public static final String FRAMEWORK = "nextjs";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Assets under /_next/static/ are content-hashed: cache them forever. Files with an extension may be public/. */
    public static final List<ComputeRoute> ROUTES = List.of(
            new ComputeRoute("/_next/static/*", RouteTarget.staticFiles(IMMUTABLE), null),
            new ComputeRoute("/*.*", RouteTarget.staticFiles(null), RouteTarget.compute()),
            new ComputeRoute(DeployManifestRules.CATCH_ALL, RouteTarget.compute(), null));

    private static final JsonMapper JSON = JsonMappers.STRICT;
    private static final String SERVER = "server.js";

    private NextStandaloneBundle() {
    }

    /** Whether an artifact directory (relative to the repository) is Next's build directory. */
    public static boolean isNextOutput(String artifactDir) {
        return artifactDir != null && (artifactDir.equals(DIRECTORY) || artifactDir.endsWith("/" + DIRECTORY));
    }

    /**
     * @param next      the copied {@code .next} directory
     * @param publicDir the copied {@code public/} beside it, or null when the app has none
     * @throws SsrOutputException when there is no standalone output to run
     */
    public static SsrBundle build(Path next, Path publicDir) throws IOException, SsrOutputException {
        Path standalone = next.resolve("standalone");
        if (!Files.isDirectory(standalone)) {
            throw new SsrOutputException("artifacts.baseDirectory is .next but .next/standalone/ is missing, so there "
                    + "is no server to run: set output: 'standalone' in next.config.js (Slipway sets "
                    + "NEXT_PRIVATE_STANDALONE=true unless the build environment already defines it), or, for a "
                    + "static site, output: 'export' with artifacts.baseDirectory: out");
        }
        BundleTree.Listing server = BundleTree.list(standalone, next, ".next/standalone");
        String entrypoint = entrypoint(server.files());
        String serverDir = entrypoint.substring(0, entrypoint.length() - SERVER.length());
        BundleTree.Listing assets = BundleTree.list(next.resolve("static"), next, ".next/static");
        BundleTree.Listing publics = publicDir == null ? new BundleTree.Listing(new TreeMap<>(), List.of())
                : BundleTree.list(publicDir, publicDir, "public");

        SortedMap<String, Path> compute = new TreeMap<>(server.files());
        SortedMap<String, Path> statics = new TreeMap<>();
        Map<String, Path> shown = new LinkedHashMap<>();
        server.files().forEach((path, file) -> shown.put("standalone/" + path, file));
        publics.files().forEach((path, file) -> {
            compute.put(serverDir + "public/" + path, file);
            statics.put(path, file);
            shown.put("../public/" + path, file);
        });
        assets.files().forEach((path, file) -> {
            compute.put(serverDir + ".next/static/" + path, file);
            statics.put("_next/static/" + path, file);
            shown.put("static/" + path, file);
        });
        long bytes = 0;
        for (Path file : compute.values()) {
            bytes += Files.size(file);
        }
        DeployManifest manifest = new DeployManifest(DeployManifest.VERSION, ROUTES,
                List.of(new ComputeResource(ComputeBundle.DEFAULT_RESOURCE, RUNTIME, entrypoint)), null,
                new FrameworkMetadata(FRAMEWORK, version(compute, serverDir)));
        DeployManifestRules.check(manifest, new BundleContents(true, true, compute.keySet(), bytes));
        List<String> notes = new ArrayList<>(server.notes());
        notes.addAll(assets.notes());
        notes.addAll(publics.notes());
        return new SsrBundle(manifest, statics, compute, shown, notes);
    }

    /** {@code server.js}, or in a monorepo {@code <app path>/server.js}: the shallowest one outside node_modules. */
    static String entrypoint(SortedMap<String, Path> files) throws SsrOutputException {
        return files.keySet().stream()
                .filter(path -> path.equals(SERVER) || path.endsWith("/" + SERVER))
                .filter(path -> !path.startsWith("node_modules/") && !path.contains("/node_modules/")
                        && !path.startsWith(".next/") && !path.contains("/.next/"))
                .min(Comparator.comparingInt((String path) -> path.split("/").length).thenComparing(path -> path))
                .orElseThrow(() -> new SsrOutputException(".next/standalone/ has no server.js: it is not the output "
                        + "of next build with output: 'standalone'"));
    }

    /** The version of the {@code next} package the server will load; 0.0.0 when it cannot be told. */
    static String version(SortedMap<String, Path> compute, String serverDir) {
        for (String candidate : List.of(serverDir + "node_modules/next/package.json", "node_modules/next/package.json")) {
            Path file = compute.get(candidate);
            if (file == null) {
                continue;
            }
            try {
                String version = JSON.readTree(Files.readString(file)).path("version").asString("");
                if (!version.isEmpty()) {
                    return version;
                }
            } catch (IOException | JacksonException unreadable) {
                // the framework version is informational: fall through to the placeholder
            }
        }
        return "0.0.0";
    }
}

package dev.slipway.protocol.ssr;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of amplify-hosting-reference.md §11.2 that span fields and the bundle's layout. Amplify rejects a bundle
 * that breaks one at deploy time; so does Slipway, before anything is stored, with a message naming the rule and
 * where it is broken ({@code routes[2] '/x'}), since the user has to find it in generated output.
 */
public final class DeployManifestRules {

    public static final int MAX_ROUTES = 25;
    public static final int MAX_PATH_LENGTH = 255;
    public static final String CATCH_ALL = "/*";
    public static final List<String> RUNTIMES = List.of("nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x");

    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9_\\-.*$/~\"'@:+]*");
    /** semver.org's regular expression. */
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private DeployManifestRules() {
    }

    /** @throws DeployManifestException naming the first broken rule */
    public static void check(DeployManifest manifest, BundleContents contents) {
        checkRoutes(manifest, contents);
        checkResources(manifest, contents);
        checkImageSettings(manifest.imageSettings());
        checkFramework(manifest.framework());
    }

    private static void checkRoutes(DeployManifest manifest, BundleContents contents) {
        List<ComputeRoute> routes = manifest.routes();
        if (routes.isEmpty()) {
            throw new DeployManifestException("routes is required and must end with the catch-all '/*'");
        }
        if (routes.size() > MAX_ROUTES) {
            throw new DeployManifestException("routes has " + routes.size() + " entries; at most " + MAX_ROUTES
                    + " are allowed");
        }
        boolean servesSomething = false;
        boolean hasCompute = false;
        for (int i = 0; i < routes.size(); i++) {
            ComputeRoute route = routes.get(i);
            String where = "routes[" + i + "]" + (route.path() == null ? "" : " '" + route.path() + "'");
            checkPath(i, route.path());
            if (route.target() == null) {
                throw new DeployManifestException(where + ": target is required");
            }
            checkTarget(where + ".target", route.target(), manifest, contents);
            if (route.fallback() != null) {
                checkTarget(where + ".fallback", route.fallback(), manifest, contents);
                if (route.fallback().kind() == route.target().kind()) {
                    throw new DeployManifestException(where + ".fallback: its kind must differ from the target's ("
                            + route.target().kind().json() + ")");
                }
            }
            servesSomething |= route.target().kind() != TargetKind.IMAGE_OPTIMIZATION;
            hasCompute |= isCompute(route.target()) || isCompute(route.fallback());
        }
        ComputeRoute last = routes.getLast();
        if (!CATCH_ALL.equals(last.path())) {
            throw new DeployManifestException("routes[" + (routes.size() - 1) + "].path '" + last.path()
                    + "': the last route must be the catch-all '/*'");
        }
        if (!servesSomething) {
            throw new DeployManifestException("routes: at least one route must target Static or Compute");
        }
        for (int i = 0; i < routes.size(); i++) {
            ComputeRoute route = routes.get(i);
            boolean image = route.target().kind() == TargetKind.IMAGE_OPTIMIZATION
                    || route.fallback() != null && route.fallback().kind() == TargetKind.IMAGE_OPTIMIZATION;
            if (image && manifest.imageSettings() == null) {
                throw new DeployManifestException("routes[" + i + "] '" + route.path()
                        + "': an ImageOptimization route requires imageSettings");
            }
            if (image && !hasCompute) {
                throw new DeployManifestException("routes[" + i + "] '" + route.path()
                        + "': an ImageOptimization route requires a Compute route (not supported for static apps)");
            }
        }
    }

    private static void checkPath(int index, String path) {
        String where = "routes[" + index + "].path";
        if (path == null) {
            throw new DeployManifestException(where + " is required");
        }
        where += " '" + path + "'";
        if (path.length() > MAX_PATH_LENGTH) {
            throw new DeployManifestException(where + ": longer than " + MAX_PATH_LENGTH + " characters");
        }
        if (!path.startsWith("/")) {
            throw new DeployManifestException(where + ": must start with '/'");
        }
        if (!PATH_CHARS.matcher(path).matches()) {
            throw new DeployManifestException(where + ": only letters, digits and _ - . * $ / ~ \" ' @ : + are allowed");
        }
    }

    private static void checkTarget(String where, RouteTarget target, DeployManifest manifest, BundleContents contents) {
        switch (target.kind()) {
            case STATIC -> {
                if (!contents.hasStatic()) {
                    throw new DeployManifestException(where + ": a Static target requires the static/ directory");
                }
            }
            case COMPUTE -> {
                if (target.src() == null) {
                    throw new DeployManifestException(where + ".src is required for a Compute target");
                }
                if (!ComputeBundle.DEFAULT_RESOURCE.equals(target.src())) {
                    throw new DeployManifestException(where + ".src '" + target.src()
                            + "': only the compute resource 'default' is supported");
                }
                if (!contents.hasCompute()) {
                    throw new DeployManifestException(where + ": a Compute target requires the compute/ directory");
                }
                if (manifest.defaultCompute() == null) {
                    throw new DeployManifestException(where + ".src 'default' names no entry of computeResources");
                }
            }
            case IMAGE_OPTIMIZATION -> {
                // needs imageSettings and a Compute route: checked once all routes are known
            }
        }
    }

    private static boolean isCompute(RouteTarget target) {
        return target != null && target.kind() == TargetKind.COMPUTE;
    }

    private static void checkResources(DeployManifest manifest, BundleContents contents) {
        Set<String> names = new HashSet<>();
        List<ComputeResource> resources = manifest.computeResources();
        for (int i = 0; i < resources.size(); i++) {
            ComputeResource resource = resources.get(i);
            String where = "computeResources[" + i + "]";
            if (!ComputeBundle.DEFAULT_RESOURCE.equals(resource.name())) {
                throw new DeployManifestException(where + ".name '" + resource.name()
                        + "': the only allowed name is 'default'");
            }
            if (!names.add(resource.name())) {
                throw new DeployManifestException(where + ".name 'default': listed twice");
            }
            if (!RUNTIMES.contains(resource.runtime())) {
                throw new DeployManifestException(where + ".runtime '" + resource.runtime() + "': must be one of "
                        + String.join(", ", RUNTIMES));
            }
            if (resource.entrypoint() == null || !contents.computeFiles().contains(resource.entrypoint())) {
                throw new DeployManifestException(where + ".entrypoint '" + resource.entrypoint()
                        + "': no such file in compute/default/");
            }
            boolean referenced = manifest.routes().stream()
                    .anyMatch(r -> isCompute(r.target()) || isCompute(r.fallback()));
            if (!referenced) {
                throw new DeployManifestException(where + " 'default': no route targets it; every compute resource "
                        + "must be referenced by a route");
            }
        }
        if (!resources.isEmpty() && contents.computeBytes() > BundleContents.MAX_COMPUTE_BYTES) {
            throw new DeployManifestException("compute/default/ holds " + contents.computeBytes()
                    + " bytes; a compute bundle may hold at most 220 MB uncompressed");
        }
    }

    private static void checkImageSettings(ImageSettings settings) {
        if (settings == null) {
            return;
        }
        for (int i = 0; i < settings.formats().size(); i++) {
            if (!ImageSettings.FORMATS.contains(settings.formats().get(i))) {
                throw new DeployManifestException("imageSettings.formats[" + i + "] '" + settings.formats().get(i)
                        + "': must be one of " + String.join(", ", ImageSettings.FORMATS));
            }
        }
        for (int i = 0; i < settings.remotePatterns().size(); i++) {
            ImageSettings.RemotePattern pattern = settings.remotePatterns().get(i);
            String where = "imageSettings.remotePatterns[" + i + "]";
            if (pattern.protocol() != null && !pattern.protocol().equals("https")) {
                throw new DeployManifestException(where + ".protocol '" + pattern.protocol() + "': only https");
            }
            if (pattern.hostname() == null || pattern.hostname().isBlank() || pattern.hostname().equals("**")) {
                throw new DeployManifestException(where + ".hostname is required and may not be a bare '**'");
            }
        }
        if (settings.minimumCacheTTL() < 0) {
            throw new DeployManifestException("imageSettings.minimumCacheTTL must not be negative");
        }
    }

    private static void checkFramework(FrameworkMetadata framework) {
        if (framework == null) {
            throw new DeployManifestException("framework is required ({\"name\": ..., \"version\": ...})");
        }
        if (framework.name() == null || framework.name().isBlank()) {
            throw new DeployManifestException("framework.name is required");
        }
        if (framework.version() == null || !SEMVER.matcher(framework.version()).matches()) {
            throw new DeployManifestException("framework.version '" + framework.version()
                    + "': must be a semantic version such as 3.8.1");
        }
    }
}

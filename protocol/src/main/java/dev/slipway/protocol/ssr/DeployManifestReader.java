package dev.slipway.protocol.ssr;

import dev.slipway.protocol.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Amplify's {@code deploy-manifest.json} (amplify-hosting-reference.md §11.2) field by field rather than by data
 * binding, so that every wrong field is reported with its position ({@code routes[2].target.kind}) instead of a
 * Jackson message. Shape errors are found here; the rules between fields and the bundle are
 * {@link DeployManifestRules}'. Unknown fields are ignored, as adapters add their own.
 */
public final class DeployManifestReader {

    private static final JsonMapper JSON = JsonMappers.STRICT;

    private DeployManifestReader() {
    }

    /**
     * Parses and checks every rule against what the bundle holds.
     *
     * @throws DeployManifestException naming the first broken rule
     */
    public static DeployManifest read(byte[] json, BundleContents contents) {
        DeployManifest manifest = parse(json);
        DeployManifestRules.check(manifest, contents);
        return manifest;
    }

    /** Only the JSON shape; missing required fields come back as null or empty for the rules to report. */
    public static DeployManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new DeployManifestException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DeployManifestException("must be a JSON object");
        }
        JsonNode version = root.path("version");
        if (!version.isIntegralNumber() || version.asInt() != DeployManifest.VERSION) {
            throw new DeployManifestException("version must be 1 (the only version), found " + shown(version));
        }
        JsonNode routes = root.path("routes");
        if (!routes.isMissingNode() && !routes.isNull() && !routes.isArray()) {
            throw new DeployManifestException("routes must be an array");
        }
        return new DeployManifest(DeployManifest.VERSION, list(routes, DeployManifestReader::route, "routes"),
                list(root.path("computeResources"), DeployManifestReader::resource, "computeResources"),
                imageSettings(root.path("imageSettings")), framework(root.path("framework")));
    }

    private static ComputeRoute route(Field route) {
        object(route);
        return new ComputeRoute(text(route.child("path")), target(route.child("target")),
                target(route.child("fallback")));
    }

    private static RouteTarget target(Field target) {
        if (absent(target.node())) {
            return null;
        }
        object(target);
        Field kind = target.child("kind");
        String kindName = text(kind);
        if (kindName == null) {
            throw new DeployManifestException(kind.name() + " is required (Static, Compute or ImageOptimization)");
        }
        TargetKind parsed;
        try {
            parsed = TargetKind.of(kindName);
        } catch (IllegalArgumentException e) {
            throw new DeployManifestException(kind.name() + ": " + e.getMessage());
        }
        return new RouteTarget(parsed, text(target.child("src")), text(target.child("cacheControl")));
    }

    private static ComputeResource resource(Field resource) {
        object(resource);
        return new ComputeResource(text(resource.child("name")), text(resource.child("runtime")),
                text(resource.child("entrypoint")));
    }

    private static FrameworkMetadata framework(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        Field framework = new Field("framework", node);
        object(framework);
        return new FrameworkMetadata(text(framework.child("name")), text(framework.child("version")));
    }

    private static ImageSettings imageSettings(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        Field settings = new Field("imageSettings", node);
        object(settings);
        // the documentation's own examples spell it minumumCacheTTL; adapters copied them
        Field ttl = absent(node.path("minimumCacheTTL")) ? settings.child("minumumCacheTTL")
                : settings.child("minimumCacheTTL");
        if (!absent(ttl.node()) && !ttl.node().isIntegralNumber()) {
            throw new DeployManifestException(ttl.name() + " must be a number of seconds");
        }
        Field svg = settings.child("dangerouslyAllowSVG");
        if (!absent(svg.node()) && !svg.node().isBoolean()) {
            throw new DeployManifestException(svg.name() + " must be true or false");
        }
        return new ImageSettings(list(node.path("sizes"), DeployManifestReader::width, "imageSettings.sizes"),
                list(node.path("domains"), DeployManifestReader::requiredText, "imageSettings.domains"),
                list(node.path("remotePatterns"), DeployManifestReader::remotePattern, "imageSettings.remotePatterns"),
                list(node.path("formats"), DeployManifestReader::requiredText, "imageSettings.formats"),
                ttl.node().asLong(0), svg.node().asBoolean(false));
    }

    private static ImageSettings.RemotePattern remotePattern(Field pattern) {
        object(pattern);
        return new ImageSettings.RemotePattern(text(pattern.child("protocol")), text(pattern.child("hostname")),
                text(pattern.child("port")), text(pattern.child("pathname")));
    }

    private static Integer width(Field size) {
        if (!size.node().isIntegralNumber() || size.node().asInt() <= 0) {
            throw new DeployManifestException(size.name() + " must be a positive width in pixels, found "
                    + shown(size.node()));
        }
        return size.node().asInt();
    }

    private static String requiredText(Field field) {
        String text = text(field);
        if (text == null) {
            throw new DeployManifestException(field.name() + " must be a string");
        }
        return text;
    }

    private static <T> List<T> list(JsonNode node, Function<Field, T> element, String name) {
        List<T> result = new ArrayList<>();
        if (absent(node)) {
            return result;
        }
        if (!node.isArray()) {
            throw new DeployManifestException(name + " must be an array");
        }
        for (int i = 0; i < node.size(); i++) {
            result.add(element.apply(new Field(name + "[" + i + "]", node.get(i))));
        }
        return result;
    }

    /** Null when absent; anything but a string is an error (a number where a path belongs is a typo worth naming). */
    private static String text(Field field) {
        if (absent(field.node())) {
            return null;
        }
        if (!field.node().isString()) {
            throw new DeployManifestException(field.name() + " must be a string, found " + shown(field.node()));
        }
        return field.node().asString();
    }

    private static void object(Field field) {
        if (!field.node().isObject()) {
            throw new DeployManifestException(field.name() + " must be an object, found " + shown(field.node()));
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    private static String shown(JsonNode node) {
        return absent(node) ? "nothing" : node.toString();
    }

    /** A node and the JSON path messages call it by. */
    private record Field(String name, JsonNode node) {

        Field child(String key) {
            return new Field(name + "." + key, node.path(key));
        }
    }
}

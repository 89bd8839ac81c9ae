package dev.slipway.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which Slipway to talk to and with which token: {@code --url}/{@code --token}, else {@code SLIPWAY_URL} /
 * {@code SLIPWAY_TOKEN}, else what {@code slipway login} stored in {@code config.json} of the user's config directory
 * ({@code SLIPWAY_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/slipway}, else {@code ~/.config/slipway}), readable by the
 * user alone.
 */
record CliConfig(URI url, String token) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Map<String, String> env) {
        String dir = env.get("SLIPWAY_CONFIG_DIR");
        if (dir == null || dir.isBlank()) {
            String xdg = env.get("XDG_CONFIG_HOME");
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            dir = xdg != null && !xdg.isBlank() ? Path.of(xdg, "slipway").toString()
                    : Path.of(home, ".config", "slipway").toString();
        }
        return Path.of(dir, "config.json");
    }

    static CliConfig resolve(Args args, Map<String, String> env) {
        Optional<CliConfig> stored = read(file(env));
        String url = args.option("--url").or(() -> Optional.ofNullable(env.get("SLIPWAY_URL")))
                .or(() -> stored.map(config -> config.url().toString()))
                .orElseThrow(() -> new NotLoggedInException("No Slipway to talk to: run `slipway login --url "
                        + "https://slipway.example.com` or set SLIPWAY_URL."));
        String token = args.option("--token").or(() -> Optional.ofNullable(env.get("SLIPWAY_TOKEN")))
                .or(() -> stored.map(CliConfig::token))
                .orElseThrow(() -> new NotLoggedInException("No API token: run `slipway login` (create a token on "
                        + "the console's Tokens page) or set SLIPWAY_TOKEN."));
        return new CliConfig(parseUrl(url), token);
    }

    static URI parseUrl(String url) {
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException("the URL must be http(s)://host[:port], not " + url);
        }
        return uri;
    }

    static Optional<CliConfig> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(file.toFile());
        String url = node.path("url").asString(null);
        String token = node.path("token").asString(null);
        return url == null || token == null ? Optional.empty() : Optional.of(new CliConfig(URI.create(url), token));
    }

    /** Written to a private temporary file, then moved over the old one: a token is never readable by others. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ObjectNode node = JSON.createObjectNode().put("url", url.toString()).put("token", token);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temp = posix
                ? Files.createTempFile(file.getParent(), "config", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(file.getParent(), "config", ".tmp");
        Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

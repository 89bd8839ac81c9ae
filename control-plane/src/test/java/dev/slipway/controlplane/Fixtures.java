package dev.slipway.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shared webhook fixtures: exact bodies and the headers the git host sent with them. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("slipway.shared.dir", "../../shared")).resolve("fixtures");
    }

    public static byte[] body(String provider, String name) throws IOException {
        return Files.readAllBytes(dir().resolve("webhooks").resolve(provider).resolve(name + ".json"));
    }

    /** Headers minus those the HTTP client sets itself. */
    public static Map<String, String> headers(String provider, String name) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir().resolve("webhooks").resolve(provider).resolve(name + ".headers"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon).trim();
                if (!key.equalsIgnoreCase("Content-Length") && !key.equalsIgnoreCase("Host")
                        && !key.equalsIgnoreCase("User-Agent") && !key.equalsIgnoreCase("Connection")) {
                    headers.put(key, line.substring(colon + 1).trim());
                }
            }
        }
        return headers;
    }
}

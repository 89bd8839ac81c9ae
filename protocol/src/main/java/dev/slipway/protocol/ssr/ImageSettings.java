package dev.slipway.protocol.ssr;

import java.util.List;

/**
 * The deploy manifest's {@code imageSettings}, which configure its ImageOptimization routes (§11.2, §11.3).
 *
 * @param sizes               widths a request may ask for
 * @param domains             external hosts images may come from (empty: the deployment's own domain only)
 * @param remotePatterns      further allowed remote sources
 * @param formats             output MIME types
 * @param minimumCacheTTL     seconds, lower bound of the answer's max-age
 * @param dangerouslyAllowSVG whether SVG sources are served
 */
public record ImageSettings(List<Integer> sizes, List<String> domains, List<RemotePattern> remotePatterns,
                            List<String> formats, long minimumCacheTTL, boolean dangerouslyAllowSVG) {

    public static final List<String> FORMATS = List.of("image/avif", "image/webp", "image/png", "image/jpeg");

    public ImageSettings {
        sizes = List.copyOf(sizes);
        domains = List.copyOf(domains);
        remotePatterns = List.copyOf(remotePatterns);
        formats = List.copyOf(formats);
    }

    /** @param protocol only {@code https} (or null); {@code hostname} may use {@code *} and {@code **}, not bare {@code **} */
    public record RemotePattern(String protocol, String hostname, String port, String pathname) {
    }
}

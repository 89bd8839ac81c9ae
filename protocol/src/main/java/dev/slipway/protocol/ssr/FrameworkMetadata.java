package dev.slipway.protocol.ssr;

/** The deploy manifest's {@code framework}: shown to users; {@code version} must be semver. */
public record FrameworkMetadata(String name, String version) {
}

package dev.slipway.protocol.ssr;

/**
 * One {@code computeResources} entry of a deploy manifest.
 *
 * @param name       subdirectory of {@code compute/}; only {@code default} in v1
 * @param runtime    e.g. {@code nodejs22.x}
 * @param entrypoint file inside {@code compute/<name>/} started as {@code node <entrypoint>}
 */
public record ComputeResource(String name, String runtime, String entrypoint) {
}

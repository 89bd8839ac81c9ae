package dev.slipway.protocol.ssr;

import java.util.Set;

/**
 * What a {@code .amplify-hosting} bundle holds besides its manifest, the facts the layout rules of §11.2 need. Kept
 * apart from the file system so the rules can be checked on any source (a directory walked by the runner, a bundle
 * generated for Next.js, a test).
 *
 * @param hasStatic    {@code static/} exists
 * @param hasCompute   {@code compute/} exists
 * @param computeFiles paths relative to {@code compute/default/}
 * @param computeBytes their total size, uncompressed
 */
public record BundleContents(boolean hasStatic, boolean hasCompute, Set<String> computeFiles, long computeBytes) {

    /** Amplify's limit for a compute bundle, uncompressed. */
    public static final long MAX_COMPUTE_BYTES = 220L * 1024 * 1024;

    public BundleContents {
        computeFiles = Set.copyOf(computeFiles);
    }
}

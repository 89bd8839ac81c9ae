package dev.slipway.protocol.buildspec;

import java.util.List;

/**
 * {@code frontend.artifacts}.
 *
 * @param baseDirectory directory holding the deployable output, relative to the build path, or null when not given
 * @param files         globs relative to baseDirectory; {@code ['**}{@code /*']} when not given
 * @param discardPaths  {@code discard-paths: yes}: deploy every selected file at the site root (flattened)
 */
public record Artifacts(String baseDirectory, List<String> files, boolean discardPaths) {

    public static final List<String> ALL_FILES = List.of("**/*");

    public Artifacts {
        files = files == null || files.isEmpty() ? ALL_FILES : List.copyOf(files);
    }
}

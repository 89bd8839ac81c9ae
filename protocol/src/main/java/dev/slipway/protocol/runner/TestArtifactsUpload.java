package dev.slipway.protocol.runner;

import java.util.List;

/**
 * What a job's test phase left behind ({@code test.artifacts} of amplify.yml), already in the blob store: the files
 * offered for download (screenshots, videos, the report) and the counts of the mochawesome report named by
 * {@code configFilePath}, when there was one.
 *
 * @param files  the collected files, by path relative to {@code test.artifacts.baseDirectory}
 * @param report the report's counts, or null when {@code configFilePath} matched no readable mochawesome JSON
 */
public record TestArtifactsUpload(List<File> files, Report report) {

    public TestArtifactsUpload {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * @param path        relative, forward slashes (ArtifactPaths rules)
     * @param hash        sha256 of the bytes, the blob key
     * @param size        bytes
     * @param contentType what the runner would serve it as (the control plane decides again from the path)
     */
    public record File(String path, String hash, long size, String contentType) {
    }

    /**
     * Mochawesome's {@code stats}.
     *
     * @param path     the report file, one of {@link #files()}
     * @param tests    tests run
     * @param passes   tests passed
     * @param failures tests failed
     */
    public record Report(String path, int tests, int passes, int failures) {
    }
}

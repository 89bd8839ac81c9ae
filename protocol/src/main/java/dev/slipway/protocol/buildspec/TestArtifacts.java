package dev.slipway.protocol.buildspec;

import java.util.List;

/**
 * {@code test.artifacts}.
 *
 * @param baseDirectory  directory the test artifacts are collected from, or null
 * @param configFilePath glob of the test report (mochawesome JSON), or null
 * @param files          globs of test artifacts (screenshots, videos), possibly empty
 */
public record TestArtifacts(String baseDirectory, String configFilePath, List<String> files) {

    public TestArtifacts {
        files = files == null ? List.of() : List.copyOf(files);
    }
}

package dev.slipway.protocol.buildspec;

import java.util.List;

/**
 * The commands of the build phases of {@code backend} or {@code frontend}; absent phases are empty lists.
 */
public record Phases(List<String> preBuild, List<String> build, List<String> postBuild) {

    public static final Phases EMPTY = new Phases(List.of(), List.of(), List.of());

    public Phases {
        preBuild = List.copyOf(preBuild);
        build = List.copyOf(build);
        postBuild = List.copyOf(postBuild);
    }

    /** Every command in order: preBuild, build, postBuild. */
    public List<String> all() {
        return java.util.stream.Stream.of(preBuild, build, postBuild).flatMap(List::stream).toList();
    }

    public boolean isEmpty() {
        return preBuild.isEmpty() && build.isEmpty() && postBuild.isEmpty();
    }
}

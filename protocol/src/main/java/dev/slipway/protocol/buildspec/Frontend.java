package dev.slipway.protocol.buildspec;

import java.util.List;

/**
 * {@code frontend}.
 *
 * @param buildPath  {@code buildpath}/{@code buildPath}: where commands run, relative to the repository root
 *                   ({@code /} = the root); null means the app root
 * @param phases     preBuild, build, postBuild
 * @param artifacts  what to deploy, or null when the section is missing
 * @param cachePaths {@code cache.paths}, possibly empty; a leading {@code !} excludes
 */
public record Frontend(String buildPath, Phases phases, Artifacts artifacts, List<String> cachePaths) {

    public Frontend {
        phases = phases == null ? Phases.EMPTY : phases;
        cachePaths = cachePaths == null ? List.of() : List.copyOf(cachePaths);
    }
}

package dev.slipway.protocol.buildspec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed {@code amplify.yml} (Amplify Hosting build specification), single-app or monorepo form.
 *
 * @param version      {@code version} as written ({@code 1}, {@code 0.1}), or null when absent
 * @param app          the single-app form (top-level env, backend, frontend, test); null in the monorepo form
 * @param applications the monorepo form ({@code applications:}), empty in the single-app form
 * @param warnings     things that parsed but look wrong (unknown keys, misplaced sections, lenient coercions), each
 *                     starting with {@code line N:}; a build shows them in its log
 */
public record BuildSpec(String version, AppSpec app, List<AppSpec> applications, List<String> warnings) {

    /** The variable naming the monorepo application to build (Amplify's name). */
    public static final String MONOREPO_APP_ROOT_VARIABLE = "AMPLIFY_MONOREPO_APP_ROOT";

    public BuildSpec {
        applications = List.copyOf(applications);
        warnings = List.copyOf(warnings);
    }

    public boolean isMonorepo() {
        return app == null;
    }

    /**
     * The application to build. In the single-app form that is {@link #app()} whatever {@code monorepoAppRoot} says.
     * In the monorepo form it is the entry whose {@code appRoot} equals {@code monorepoAppRoot} (compared as
     * {@link AppRoot#normalise} spells them); when {@code monorepoAppRoot} is not set, the only entry if there is
     * exactly one.
     *
     * @param monorepoAppRoot the value of {@value #MONOREPO_APP_ROOT_VARIABLE}, or null
     * @param sourceName      names the spec in the error message
     * @throws BuildSpecException when no application matches; the message lists the available roots
     */
    public AppSpec select(String monorepoAppRoot, String sourceName) throws BuildSpecException {
        if (!isMonorepo()) {
            return app;
        }
        if (applications.isEmpty()) {
            throw new BuildSpecException(sourceName, 0, "'applications' is empty");
        }
        String wanted = AppRoot.normalise(monorepoAppRoot);
        if (wanted == null) {
            if (applications.size() == 1) {
                return applications.getFirst();
            }
            throw new BuildSpecException(sourceName, 0, "defines " + applications.size() + " applications; set "
                    + MONOREPO_APP_ROOT_VARIABLE + " to one of " + availableRoots());
        }
        for (AppSpec candidate : applications) {
            if (wanted.equals(candidate.appRoot())) {
                return candidate;
            }
        }
        throw new BuildSpecException(sourceName, 0, "no application with appRoot '" + wanted + "' ("
                + MONOREPO_APP_ROOT_VARIABLE + "); available: " + availableRoots());
    }

    private String availableRoots() {
        return applications.stream()
                .map(a -> a.appRoot() == null ? "(an application without appRoot)" : "'" + a.appRoot() + "'")
                .collect(Collectors.joining(", "));
    }
}

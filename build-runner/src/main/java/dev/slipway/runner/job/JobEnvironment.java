package dev.slipway.runner.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

import dev.slipway.runner.spec.FrameworkDetector;

/**
 * The build's environment: the spec's {@code env.variables}, overlaid by the user's app and branch variables
 * ({@code LeasedJob.environment}) and the secrets ({@code LeasedJob.secrets}), overlaid by the platform's ({@code AWS_*}, {@code LeasedJob.platformEnvironment}),
 * which always win. Values are secrets: never log them.
 */
public final class JobEnvironment {

    /**
     * Makes {@code next build} write {@code .next/standalone} (a self-contained server) without the user editing
     * next.config: how Amplify deploys Next.js apps rendered on the server, and what the runner deploys from.
     */
    public static final String NEXT_STANDALONE_VARIABLE = "NEXT_PRIVATE_STANDALONE";

    private JobEnvironment() {
    }

    /**
     * The environment plus {@code NEXT_PRIVATE_STANDALONE=true} when the app is a server-rendered Next.js app and
     * the variable is not set already (a user's value, even {@code false}, is theirs to keep); else null.
     */
    static SequencedMap<String, String> withNextStandalone(SequencedMap<String, String> environment, Path appRoot) {
        if (environment.containsKey(NEXT_STANDALONE_VARIABLE) || !FrameworkDetector.isNextServer(appRoot)) {
            return null;
        }
        SequencedMap<String, String> result = new LinkedHashMap<>(environment);
        result.put(NEXT_STANDALONE_VARIABLE, "true");
        return result;
    }

    public static SequencedMap<String, String> merge(Map<String, String> spec, Map<String, String> user,
                                                     Map<String, String> platform) {
        SequencedMap<String, String> result = new LinkedHashMap<>();
        putAll(result, spec);
        putAll(result, user);
        putAll(result, platform);
        return result;
    }

    /** The user's variables overlaid by the job's secrets (branch secrets already override app secrets). */
    static Map<String, String> userAndSecrets(Map<String, String> user, Map<String, String> secrets) {
        SequencedMap<String, String> result = new LinkedHashMap<>();
        putAll(result, user);
        putAll(result, secrets);
        return result;
    }

    private static void putAll(Map<String, String> target, Map<String, String> source) {
        if (source != null) {
            source.forEach((k, v) -> {
                if (k != null && !k.isEmpty() && !k.contains("=") && k.indexOf('\0') < 0) {
                    target.put(k, v == null ? "" : v);
                }
            });
        }
    }
}

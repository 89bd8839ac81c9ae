package dev.slipway.runner.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The build's environment: the spec's {@code env.variables}, overlaid by the user's app and branch variables
 * ({@code LeasedJob.environment}) and the secrets ({@code LeasedJob.secrets}), overlaid by the platform's ({@code AWS_*}, {@code LeasedJob.platformEnvironment}),
 * which always win. Values are secrets: never log them.
 */
public final class JobEnvironment {

    private JobEnvironment() {
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

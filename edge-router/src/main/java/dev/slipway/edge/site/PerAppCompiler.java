package dev.slipway.edge.site;

import dev.slipway.protocol.edge.AppRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Compiles one per-app setting of the route snapshot (redirect rules, custom headers) once per distinct value: apps
 * sharing a value share the compiled form, and a value still in use by the next snapshot keeps its compiled form, so
 * a snapshot that changes one app recompiles only that app. Keeping the same instance also lets
 * {@link Site#forRoute} reuse sites whose settings did not change. One build at a time (the feed thread).
 *
 * @param <K> the setting as the snapshot carries it (a value type: equal settings compile alike)
 * @param <V> its compiled form
 */
final class PerAppCompiler<K, V> {

    private final Function<AppRoute, K> setting;
    private final BiFunction<String, K, V> compiler;
    /** The values of the last build and their compiled form; replaced whole by each build. */
    private volatile Map<K, V> compiled = Map.of();

    /**
     * @param setting  the app's value, or null when it has none (then it is left out of the answer)
     * @param compiler compiles a value; given the app id of its first user, for log lines
     */
    PerAppCompiler(Function<AppRoute, K> setting, BiFunction<String, K, V> compiler) {
        this.setting = setting;
        this.compiler = compiler;
    }

    /** @return app id to the compiled value, for the apps that have one */
    Map<String, V> compile(List<AppRoute> apps) {
        Map<K, V> previous = compiled;
        Map<K, V> next = new HashMap<>();
        Map<String, V> byApp = new HashMap<>();
        for (AppRoute app : apps) {
            K value = setting.apply(app);
            if (value == null) {
                continue;
            }
            byApp.put(app.appId(), next.computeIfAbsent(value, v -> {
                V known = previous.get(v);
                return known != null ? known : compiler.apply(app.appId(), v);
            }));
        }
        compiled = next;
        return byApp;
    }
}

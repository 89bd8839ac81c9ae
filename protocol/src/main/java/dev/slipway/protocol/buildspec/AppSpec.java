package dev.slipway.protocol.buildspec;

import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.LinkedHashMap;
import java.util.Collections;

import dev.slipway.protocol.headers.HeaderRule;

/**
 * One application of a build spec: the whole single-app form, or one entry of {@code applications:}.
 *
 * @param appRoot     {@code appRoot} of a monorepo application (normalised: no leading {@code ./}, no trailing
 *                    slash), or null in the single-app form
 * @param environment {@code env.variables}, in file order, values as written
 * @param backend     {@code backend.phases}, {@link Phases#EMPTY} when absent
 * @param frontend    {@code frontend}, or null when absent
 * @param test        {@code test}, or null when absent
 * @param legacyCustomHeaders {@code customHeaders} written in the build spec (Amplify's deprecated location, in
 *                    {@code frontend} or beside it), in file order; empty when absent
 */
public record AppSpec(String appRoot, SequencedMap<String, String> environment, Phases backend, Frontend frontend,
                      TestSpec test, List<HeaderRule> legacyCustomHeaders) {

    public AppSpec(String appRoot, SequencedMap<String, String> environment, Phases backend, Frontend frontend,
                   TestSpec test) {
        this(appRoot, environment, backend, frontend, test, List.of());
    }

    public AppSpec {
        legacyCustomHeaders = legacyCustomHeaders == null ? List.of() : List.copyOf(legacyCustomHeaders);
        environment = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(environment == null ? Map.of() : environment));
        backend = backend == null ? Phases.EMPTY : backend;
    }
}

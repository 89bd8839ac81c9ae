package dev.slipway.protocol.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers of a Slipway process outside Spring's (a mapper is thread-safe and costly to build, and one place
 * keeps every parser and writer on the same settings). Both are Jackson's defaults; {@link #LENIENT} ignores properties
 * it does not know, for answers from another Slipway process that may be a newer version.
 */
public final class JsonMappers {

    public static final JsonMapper STRICT = JsonMapper.builder().build();
    public static final JsonMapper LENIENT = STRICT.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonMappers() {
    }
}

package dev.slipway.controlplane.support;

import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.redirect.CustomRule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSONB columns: string maps (environment variables), rule lists (custom rules) and small value records. */
@Component
public class JsonColumns {

    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private static final TypeReference<List<CustomRule>> RULES = new TypeReference<>() {
    };

    private final JsonMapper mapper = JsonMappers.STRICT;

    public String write(Map<String, String> map) {
        return mapper.writeValueAsString(map == null ? Map.of() : new TreeMap<>(map));
    }

    public String writeValue(Object value) {
        return value == null ? null : mapper.writeValueAsString(value);
    }

    public <T> T readValue(String json, Class<T> type) {
        return json == null ? null : mapper.readValue(json, type);
    }

    public Map<String, String> readMap(String json) {
        return json == null ? Map.of() : mapper.readValue(json, STRING_MAP);
    }

    public String writeRules(List<CustomRule> rules) {
        return mapper.writeValueAsString(rules == null ? List.of() : rules);
    }

    public List<CustomRule> readRules(String json) {
        return json == null ? List.of() : List.copyOf(mapper.readValue(json, RULES));
    }
}

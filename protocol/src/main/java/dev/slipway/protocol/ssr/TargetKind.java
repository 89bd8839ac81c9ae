package dev.slipway.protocol.ssr;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What answers a deploy-manifest route (amplify-hosting-reference.md §11.2), spelled as Amplify spells it. */
public enum TargetKind {
    STATIC("Static"), COMPUTE("Compute"), IMAGE_OPTIMIZATION("ImageOptimization");

    private final String json;

    TargetKind(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** @throws IllegalArgumentException naming the accepted spellings */
    @JsonCreator
    public static TargetKind of(String value) {
        for (TargetKind kind : values()) {
            if (kind.json.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("target kind '" + value
                + "' is not one of Static, Compute, ImageOptimization");
    }
}

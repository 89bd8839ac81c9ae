package dev.slipway.protocol.headers;

import java.util.List;

/**
 * One {@code customHeaders} entry: headers for every response whose path matches {@code pattern} (see
 * {@link HeaderMatcher} for the glob dialect).
 */
public record HeaderRule(String pattern, List<Header> headers) {

    public HeaderRule {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }
}

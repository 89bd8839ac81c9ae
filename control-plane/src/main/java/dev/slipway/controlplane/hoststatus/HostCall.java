package dev.slipway.controlplane.hoststatus;

import dev.slipway.protocol.json.JsonMappers;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** One REST call to a git host, exactly as it will be sent: method, URL, headers and JSON body. */
record HostCall(String method, URI uri, Map<String, String> headers, String body) {

    private static final JsonMapper JSON = JsonMappers.STRICT;

    /** A JSON call with the headers every host gets plus the host's own ({@code auth}: name, value pairs). */
    static HostCall json(String method, String url, Object body, String... auth) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Slipway");
        for (int i = 0; i + 1 < auth.length; i += 2) {
            headers.put(auth[i], auth[i + 1]);
        }
        return new HostCall(method, URI.create(url), headers, JSON.writeValueAsString(body));
    }

    /** Everything but the credentials, for logs and the API. */
    @Override
    public String toString() {
        return method + " " + uri;
    }

    /** The id of a created comment; a failure never quotes the body (call logs do not show what a host answers). */
    static String commentId(String responseBody) {
        String id;
        try {
            id = JSON.readTree(responseBody).path("id").asString();
        } catch (RuntimeException notJson) {
            throw new IllegalArgumentException("The answer is not JSON");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("The answer carries no comment id");
        }
        return id;
    }
}

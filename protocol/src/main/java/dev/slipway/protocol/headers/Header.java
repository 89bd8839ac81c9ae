package dev.slipway.protocol.headers;

/** One {@code key: value} of a customHttp.yml entry. */
public record Header(String key, String value) {
}

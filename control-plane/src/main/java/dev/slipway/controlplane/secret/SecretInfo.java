package dev.slipway.controlplane.secret;

import java.time.Instant;

/** What the API shows of a secret: never its value. */
public record SecretInfo(String name, Instant updateTime) {
}

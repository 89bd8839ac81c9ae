package dev.slipway.controlplane.support;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Protected deployments ({@code slipway.control-plane.protection.*}, from SLIPWAY_PROTECTION_*).
 *
 * @param cookieTtl how long a team member's visitor cookie lets them see a protected site before they are sent
 *                  through the console again (edges set it; a removed member keeps access until it expires)
 * @param tokenTtl  how long the sign-in token the console hands a member on the way back to the site is valid
 */
public record ProtectionSettings(
        @DefaultValue("12h") Duration cookieTtl,
        @DefaultValue("60s") Duration tokenTtl) {

    public static ProtectionSettings defaults() {
        return new ProtectionSettings(Duration.ofHours(12), Duration.ofSeconds(60));
    }
}

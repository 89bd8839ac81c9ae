package dev.slipway.controlplane.support;

import org.springframework.stereotype.Component;

/**
 * The key edges present to compute hosts (ComputeApi.ACCESS_KEY_HEADER). Derived from the master key, so every
 * control plane of an installation hands out the same one without storing it, and a new master key replaces it.
 */
@Component
public class ComputeAccessKey {

    private final String value;

    ComputeAccessKey(SecretCipher cipher) {
        this.value = cipher.derive("slipway compute access key v1");
    }

    public String value() {
        return value;
    }
}

package dev.slipway.controlplane.app;

/**
 * An app is about to be deleted with its branches, deployments and caches; published inside the deleting transaction,
 * before the rows go, so listeners can still read what the app owned.
 */
public record AppRemoving(String appId) {
}

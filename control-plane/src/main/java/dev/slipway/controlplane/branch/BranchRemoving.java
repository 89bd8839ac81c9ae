package dev.slipway.controlplane.branch;

/**
 * A branch is about to be deleted with its deployments and cache; published inside the deleting transaction, before
 * the rows go, so listeners can still read what the branch owned.
 */
public record BranchRemoving(String appId, String branchName) {
}

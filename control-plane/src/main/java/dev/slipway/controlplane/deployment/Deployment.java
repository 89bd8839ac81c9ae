package dev.slipway.controlplane.deployment;

import java.time.Instant;

/** The immutable result of a successful build: a manifest of files. Branches point at one; rollback re-points. */
public record Deployment(
        String deploymentId,
        String appId,
        String branchName,
        long jobNumber,
        String commitId,
        String manifestHash,
        int fileCount,
        long totalBytes,
        Instant createTime) {
}

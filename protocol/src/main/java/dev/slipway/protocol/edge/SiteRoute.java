package dev.slipway.protocol.edge;

/**
 * One host name and the deployment it serves.
 *
 * @param host         lower-case host name without port, e.g. {@code main.d1a2b3c4d5e6f7.localhost}
 * @param appId        the app
 * @param branchName   the branch whose active deployment this is
 * @param deploymentId the deployment served
 * @param manifestHash sha256 of the {@link dev.slipway.protocol.artifact.DeploymentManifest} blob
 */
public record SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash) {
}

package dev.slipway.protocol.edge;

/**
 * One host name and the deployment it serves.
 *
 * @param host         lower-case host name without port, e.g. {@code main.d1a2b3c4d5e6f7.localhost}
 * @param appId        the app
 * @param branchName   the branch whose active deployment this is
 * @param deploymentId the deployment served
 * @param manifestHash sha256 of the {@link dev.slipway.protocol.artifact.DeploymentManifest} blob
 * @param basicAuth    the access control in force for this host ({@link dev.slipway.protocol.auth.BasicAuthHash}
 *                     form; the branch's when enabled, else the app's), or null when the host is public
 */
public record SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash,
                        String basicAuth) {

    public SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash) {
        this(host, appId, branchName, deploymentId, manifestHash, null);
    }
}

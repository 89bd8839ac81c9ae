package dev.slipway.protocol.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

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
 * @param recentDeployments null unless the branch has skew protection on; then the branch's earlier deployments a
 *                     visitor may still pin (static ones of the last 7 days, the last 8 SSR ones), newest first.
 *                     Left out of the JSON when null, so snapshots look to older edges as they did.
 */
public record SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash,
                        String basicAuth,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<RecentDeployment> recentDeployments) {

    public SiteRoute {
        recentDeployments = recentDeployments == null ? null : List.copyOf(recentDeployments);
    }

    public SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash,
                     String basicAuth) {
        this(host, appId, branchName, deploymentId, manifestHash, basicAuth, null);
    }

    public SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash) {
        this(host, appId, branchName, deploymentId, manifestHash, null);
    }

    /** The same branch and deployments under another host name (a custom domain). */
    public SiteRoute withHost(String otherHost) {
        return new SiteRoute(otherHost, appId, branchName, deploymentId, manifestHash, basicAuth, recentDeployments);
    }

    /** The branch's host, access control and recent deployments with an earlier deployment of the branch. */
    public SiteRoute pinnedTo(RecentDeployment recent) {
        return new SiteRoute(host, appId, branchName, recent.deploymentId(), recent.manifestHash(), basicAuth, null);
    }
}

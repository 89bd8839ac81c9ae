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
 * @param protection   {@code TEAM} when visitors must be team members (or show a bypass token), else null (left out
 *                     of the JSON then)
 */
public record SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash,
                        String basicAuth,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<RecentDeployment> recentDeployments,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String protection) {

    /** The {@link #protection} of a site only team members (and bypass tokens) may see. */
    public static final String TEAM = "TEAM";

    public SiteRoute {
        recentDeployments = recentDeployments == null ? null : List.copyOf(recentDeployments);
    }

    public SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash,
                     String basicAuth, List<RecentDeployment> recentDeployments) {
        this(host, appId, branchName, deploymentId, manifestHash, basicAuth, recentDeployments, null);
    }

    public SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash,
                     String basicAuth) {
        this(host, appId, branchName, deploymentId, manifestHash, basicAuth, null, null);
    }

    public SiteRoute(String host, String appId, String branchName, String deploymentId, String manifestHash) {
        this(host, appId, branchName, deploymentId, manifestHash, null);
    }

    /** The same site with the given protection ({@link #TEAM} or null). */
    public SiteRoute withProtection(String newProtection) {
        return new SiteRoute(host, appId, branchName, deploymentId, manifestHash, basicAuth, recentDeployments,
                newProtection);
    }

    /** The same branch and deployments under another host name (a custom domain). */
    public SiteRoute withHost(String otherHost) {
        return new SiteRoute(otherHost, appId, branchName, deploymentId, manifestHash, basicAuth, recentDeployments,
                protection);
    }

    /** The branch's host, access control and recent deployments with an earlier deployment of the branch. */
    public SiteRoute pinnedTo(RecentDeployment recent) {
        return new SiteRoute(host, appId, branchName, recent.deploymentId(), recent.manifestHash(), basicAuth, null,
                protection);
    }
}

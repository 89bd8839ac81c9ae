package dev.slipway.protocol.edge;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An earlier deployment of a branch that skew protection may still serve on the branch's hosts, to a visitor whose page
 * came from it ({@link SiteRoute#recentDeployments()}).
 *
 * @param deploymentId  the deployment
 * @param manifestHash  sha256 of its {@link dev.slipway.protocol.artifact.DeploymentManifest} blob (static files and,
 *                      for SSR, the compute routes and bundle)
 * @param pinnableUntil epoch milliseconds after which it is too old to serve (a static deployment's 7 days: edges
 *                      check it, as the route version does not change when time passes); null for an SSR deployment,
 *                      which stays pinnable while it is among the branch's last 8
 */
public record RecentDeployment(String deploymentId, String manifestHash,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long pinnableUntil) {
}

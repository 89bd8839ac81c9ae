package dev.slipway.protocol.ssr;

import java.util.Map;

/**
 * What a compute host needs to run a deployment, from {@link ComputeApi#DEPLOYMENT}.
 *
 * @param environment the app's environment variables overlaid with the branch's, then the decrypted secrets (runtime
 *                    env vars work, unlike Amplify's); every secret value is also listed in {@code secretValues} so
 *                    compute logs can be masked
 * @param live        whether a branch host (not just the immutable URL) serves this deployment now
 */
public record ComputeRuntime(String deploymentId, String appId, String branchName, String manifestHash,
                             Map<String, String> environment, java.util.List<String> secretValues, boolean live) {
}

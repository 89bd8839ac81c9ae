package dev.slipway.protocol.ssr;

import dev.slipway.protocol.artifact.ManifestEntry;
import java.util.List;
import java.util.SortedMap;

/**
 * Amplify's {@code deploy-manifest.json} as read by {@link DeployManifestReader} (amplify-hosting-reference.md §11.2).
 * Fields a manifest may leave out are null or empty here; {@link DeployManifestRules} says which it must have.
 *
 * @param imageSettings null when absent
 * @param framework     null when absent (a broken rule)
 */
public record DeployManifest(int version, List<ComputeRoute> routes, List<ComputeResource> computeResources,
                             ImageSettings imageSettings, FrameworkMetadata framework) {

    public static final int VERSION = 1;

    public DeployManifest {
        routes = List.copyOf(routes);
        computeResources = List.copyOf(computeResources);
    }

    /** The {@code default} compute resource, or null for a purely static bundle. */
    public ComputeResource defaultCompute() {
        return computeResources.stream().filter(r -> ComputeBundle.DEFAULT_RESOURCE.equals(r.name())).findFirst()
                .orElse(null);
    }

    /** The server-side part of the deployment, for a manifest that has a compute resource. */
    public ComputeBundle toBundle(SortedMap<String, ManifestEntry> computeFiles) {
        ComputeResource compute = defaultCompute();
        if (compute == null) {
            throw new IllegalStateException("the deploy manifest has no compute resource");
        }
        return new ComputeBundle(compute.entrypoint(), compute.runtime(), framework.name(), framework.version(), routes,
                computeFiles);
    }
}

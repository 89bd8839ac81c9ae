package dev.slipway.protocol.artifact;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The immutable description of a deployment: every served path and the blob holding its bytes. Stored itself as a
 * blob; a deployment is referenced by the hash of this document.
 *
 * @param version format version, 1
 * @param files   path relative to the site root (forward slashes, no leading slash, no {@code .} or {@code ..}
 *                segments) to its blob
 */
public record DeploymentManifest(int version, SortedMap<String, ManifestEntry> files) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public DeploymentManifest {
        files = new TreeMap<>(files);
        files.keySet().forEach(ArtifactPaths::requireSafe);
    }

    public static DeploymentManifest of(Map<String, ManifestEntry> files) {
        return new DeploymentManifest(1, new TreeMap<>(files));
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(ManifestEntry::size).sum();
    }

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    public static DeploymentManifest fromJson(byte[] json) {
        return JSON.readValue(json, DeploymentManifest.class);
    }
}

package dev.slipway.protocol.artifact;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.ssr.ComputeBundle;
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
 * @param customHeaders the repository's customHttp.yml for this app, or null when it had none; optional in the JSON
 *                (absent in manifests written before it existed, and left out when null so their hashes stay put)
 * @param compute the server-side part of an SSR deployment, or null for a static one (left out when null, as above);
 *                {@code files} then holds the bundle's {@code static/} files at their URL paths
 */
public record DeploymentManifest(int version, SortedMap<String, ManifestEntry> files,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) CustomHeaders customHeaders,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) ComputeBundle compute) {

    private static final JsonMapper JSON = JsonMappers.STRICT;

    public DeploymentManifest {
        files = new TreeMap<>(files);
        files.keySet().forEach(ArtifactPaths::requireSafe);
    }

    public DeploymentManifest(int version, SortedMap<String, ManifestEntry> files, CustomHeaders customHeaders) {
        this(version, files, customHeaders, null);
    }

    public DeploymentManifest(int version, SortedMap<String, ManifestEntry> files) {
        this(version, files, null, null);
    }

    public static DeploymentManifest of(Map<String, ManifestEntry> files) {
        return new DeploymentManifest(1, new TreeMap<>(files));
    }

    /** The same files with these headers; null or empty headers are left out. */
    public DeploymentManifest withCustomHeaders(CustomHeaders headers) {
        return new DeploymentManifest(version, files, headers == null || headers.isEmpty() ? null : headers, compute);
    }

    /** The same files served statically in front of this compute bundle. */
    public DeploymentManifest withCompute(ComputeBundle bundle) {
        return new DeploymentManifest(version, files, customHeaders, bundle);
    }

    /** Derived, so not a JSON property: a stored static manifest's bytes, and so its hash, stay as they were. */
    @JsonIgnore
    public boolean isSsr() {
        return compute != null;
    }

    /** Never null. */
    public CustomHeaders headers() {
        return customHeaders == null ? CustomHeaders.NONE : customHeaders;
    }

    /** Static files plus the compute bundle. */
    public long totalBytes() {
        return files.values().stream().mapToLong(ManifestEntry::size).sum()
                + (compute == null ? 0 : compute.totalBytes());
    }

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    public static DeploymentManifest fromJson(byte[] json) {
        return JSON.readValue(json, DeploymentManifest.class);
    }
}

package dev.slipway.controlplane.support;

import dev.slipway.protocol.net.Destinations;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of manual deploys ({@code slipway.control-plane.manual-deploys.*}, from SLIPWAY_MANUAL_DEPLOY_*): a zip is
 * untrusted input, so its size, entry count and expansion are bounded before and while it is unpacked.
 *
 * @param maxZipSize          largest zip accepted, uploaded or fetched from a sourceUrl (Amplify: 5 GB); larger
 *                            uploads get 413, larger downloads fail the job
 * @param maxEntries          most entries (files and directories) a zip may hold
 * @param maxUnpackedSize     most bytes a zip's files may hold once unpacked, counted as they are written, whatever
 *                            the zip's headers claim
 * @param maxCompressionRatio a file that unpacks to more than this many times its compressed size (and to more than
 *                            1 MiB) is refused as a zip bomb
 * @param uploadUrlValidity   how long CreateDeployment's upload URL may be used and the job started (Amplify: 8 hours)
 * @param sourceUrlTimeout    connect and read timeout when fetching a sourceUrl (per read: a large zip may take longer)
 * @param allowHttpSourceUrls also fetch {@code http://} source URLs (tests, private networks); otherwise https only
 * @param sourceUrlAllow      comma-separated CIDR blocks a sourceUrl may reach although they are not public (as
 *                            SLIPWAY_GIT_HOSTS_ALLOW); without them loopback, private and link-local hosts are refused
 * @param workers             manual deploys one control plane unpacks at the same time
 */
public record ManualDeploySettings(
        @DefaultValue("5GB") DataSize maxZipSize,
        @DefaultValue("100000") int maxEntries,
        @DefaultValue("20GB") DataSize maxUnpackedSize,
        @DefaultValue("200") int maxCompressionRatio,
        @DefaultValue("8h") Duration uploadUrlValidity,
        @DefaultValue("30s") Duration sourceUrlTimeout,
        @DefaultValue("false") boolean allowHttpSourceUrls,
        @DefaultValue("") String sourceUrlAllow,
        @DefaultValue("2") int workers) {

    public ManualDeploySettings {
        try {
            Destinations.allowing(sourceUrlAllow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLIPWAY_MANUAL_DEPLOY_SOURCE_URL_ALLOW: " + e.getMessage(), e);
        }
    }

    public static ManualDeploySettings defaults() {
        return new ManualDeploySettings(DataSize.ofGigabytes(5), 100_000, DataSize.ofGigabytes(20), 200,
                Duration.ofHours(8), Duration.ofSeconds(30), false, "", 2);
    }

    public Destinations destinations() {
        return Destinations.allowing(sourceUrlAllow);
    }
}

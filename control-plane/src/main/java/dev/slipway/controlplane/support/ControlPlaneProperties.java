package dev.slipway.controlplane.support;

import dev.slipway.protocol.blob.BlobStoreSettings;
import dev.slipway.protocol.naming.HostNames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the control plane is configured with ({@code slipway.control-plane.*}; the SLIPWAY_* environment
 * variables of architecture.md §4 are mapped in application.yml).
 *
 * @param dataDir          data directory: embedded PostgreSQL, blobs, keys, tokens
 * @param datasourceUrl    JDBC URL of an external PostgreSQL 15+; empty = embedded PostgreSQL under the data dir
 * @param datasourceUsername user for {@code datasourceUrl}
 * @param datasourcePassword password for {@code datasourceUrl}
 * @param baseDomain       apps get {@code <appId>.<baseDomain>} as default domain
 * @param publicUrl        how users reach the API/console (used in webhook URLs)
 * @param edgePort         the edge's public HTTP port, used to print branch URLs
 * @param allowFileRepos   accept file:// repositories (tests and local use only)
 * @param bootstrapToken   becomes an admin API token on first start when set
 * @param runnerLease      how long a runner's lease lasts without a heartbeat
 * @param changeRecheck  how often long-polls and log streams re-read the database when no notification woke them
 *                       ({@link PgNotifications}: changes on any control plane wake them at once)
 * @param maxJobAttempts   leases a job may lose (runner died) before it fails instead of being re-queued
 * @param maxWebhookBody   larger provider webhook deliveries are refused with 413
 * @param maxApiBody       larger API requests are refused with 413
 * @param maxPreviewsPerApp pull-request preview branches an app may have at once (Amplify: 50 branches per app)
 * @param maxLogSize       a job's stored log stops (one marker line) at this size, whatever a runner sends: the
 *                         runner enforces the same SLIPWAY_MAX_LOG_SIZE, but a foreign or broken one may not
 * @param maxBlobSize      larger blob uploads (runners' artifact files, build caches) are refused
 * @param blobs            the blob store ({@code SLIPWAY_BLOB_STORE}); default {@link #blobDir()}
 * @param notifications    SMTP and outgoing webhooks of build notifications ({@code SLIPWAY_SMTP_*})
 * @param accessLogs       retention and download links of access logs ({@code SLIPWAY_ACCESS_LOG_*})
 * @param manualDeploys    limits of deploys from a zip ({@code SLIPWAY_MANUAL_DEPLOY_*})
 * @param protection       protected deployments: visitor cookie and sign-in token lifetimes
 *                         ({@code SLIPWAY_PROTECTION_*})
 */
@Validated
@ConfigurationProperties("slipway.control-plane")
public record ControlPlaneProperties(
        @NotNull @DefaultValue(".slipway") Path dataDir,
        @DefaultValue("") String datasourceUrl,
        @DefaultValue("") String datasourceUsername,
        @DefaultValue("") String datasourcePassword,
        @NotBlank @DefaultValue("localhost") String baseDomain,
        @NotBlank @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("8000") int edgePort,
        @DefaultValue("false") boolean allowFileRepos,
        @DefaultValue("") String bootstrapToken,
        @NotNull @DefaultValue("30s") Duration runnerLease,
        @NotNull @DefaultValue("1s") Duration changeRecheck,
        @DefaultValue("2") int maxJobAttempts,
        @NotNull @DefaultValue("5MB") DataSize maxWebhookBody,
        @NotNull @DefaultValue("1MB") DataSize maxApiBody,
        @DefaultValue("50") int maxPreviewsPerApp,
        @NotNull @DefaultValue("100MB") DataSize maxLogSize,
        @NotNull @DefaultValue("2GB") DataSize maxBlobSize,
        @DefaultValue @NestedConfigurationProperty BlobStoreSettings blobs,
        @DefaultValue @NestedConfigurationProperty NotificationSettings notifications,
        @DefaultValue @NestedConfigurationProperty AccessLogSettings accessLogs,
        @DefaultValue @NestedConfigurationProperty ManualDeploySettings manualDeploys,
        @DefaultValue @NestedConfigurationProperty ProtectionSettings protection) {

    public ControlPlaneProperties {
        blobs = blobs == null ? BlobStoreSettings.defaults() : blobs;
        notifications = notifications == null ? NotificationSettings.defaults() : notifications;
        accessLogs = accessLogs == null ? AccessLogSettings.defaults() : accessLogs;
        manualDeploys = manualDeploys == null ? ManualDeploySettings.defaults() : manualDeploys;
        protection = protection == null ? ProtectionSettings.defaults() : protection;
    }

    public Path absoluteDataDir() {
        return dataDir.toAbsolutePath().normalize();
    }

    public Path blobDir() {
        return absoluteDataDir().resolve("blobs");
    }

    /** Where the edge serves a branch: the one rule the API and the console both show. */
    public String branchUrl(String appId, String branchName) {
        return onEdge(HostNames.branchHost(branchName, appId + "." + baseDomain));
    }

    /** A deployment's own immutable host, served for the last deployments of each branch (RouteSnapshots). */
    public String deploymentUrl(String appId, String deploymentId) {
        return onEdge(deploymentId + "." + appId + "." + baseDomain);
    }

    private String onEdge(String host) {
        return "http://" + host + (edgePort == 80 ? "" : ":" + edgePort);
    }
}

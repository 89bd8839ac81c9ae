package dev.slipway.edge;

import dev.slipway.edge.firewall.ClientAddresses;
import dev.slipway.protocol.net.Destinations;
import dev.slipway.protocol.blob.BlobStoreSettings;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the edge router can be told. The short environment names ({@code SLIPWAY_CONTROL_PLANE_URL},
 * {@code SLIPWAY_EDGE_TOKEN}, {@code SLIPWAY_DATA_DIR}) are shared with the other apps, so they are mapped in
 * {@code application.yml} rather than relying on relaxed binding of {@code SLIPWAY_EDGE_*}.
 *
 * @param controlPlaneUrl where the route feed lives
 * @param token           the edge's bearer token for {@code /edge/v1/*}; blank means "send none" (the control plane
 *                        will refuse, and the edge keeps serving its disk snapshot)
 * @param dataDir         shared data directory: blobs under {@code blobs/}, the last snapshot and the disk cache of
 *                        blobs under {@code edge/}
 * @param pollWait        how long the control plane may hold one long-poll
 * @param blobCacheSize   memory for cached small files (direct buffers)
 * @param smallFileLimit  files up to this size are served from memory, larger ones with zero-copy sendFile
 * @param zeroCopyFrom    plain-HTTP hits of files from this size up to {@code zeroCopyBelow} are sent with sendfile even
 *                        when cached in memory (bench/edge-vs-nginx on loopback: below 32 KB a copy into the socket is
 *                        as cheap; from 128 KB the copy wins by 1.4-2x, sendfile's many page fragments cost the reader more)
 * @param zeroCopyBelow   see {@code zeroCopyFrom}
 * @param httpsPort       the HTTPS listener ({@code SLIPWAY_EDGE_HTTPS_PORT}); 0 = any free port, -1 = none
 * @param httpsPublicPort the HTTPS port visitors use, for HTTP→HTTPS redirects; 0 = {@code httpsPort}
 * @param tlsKey          base64 AES-256 key that opens certificate keys ({@code SLIPWAY_TLS_KEY}); blank = read
 *                        {@code <data-dir>/keys/tls.key}, which the control plane writes on one machine
 * @param proxyAllow      comma-separated CIDR blocks that 200 rewrites to other origins may reach although they are
 *                        not public ({@code SLIPWAY_EDGE_PROXY_ALLOW}; e.g. an API on the private network); blank = only
 *                        public addresses ({@link Destinations})
 * @param proxyCaBundle   PEM file of extra CA certificates to trust for 200 rewrites to other origins, besides the
 *                        JDK's ({@code SLIPWAY_EDGE_PROXY_CA_BUNDLE}); blank = the JDK's only
 * @param proxyTimeout    how long a 200 rewrite's origin may take to connect and to start its answer before the
 *                        visitor gets a 504 ({@code SLIPWAY_EDGE_PROXY_TIMEOUT})
 * @param blobs           the blob store ({@code SLIPWAY_BLOB_STORE}); default {@link #blobDir()}
 * @param diskCacheSize   bound of the disk cache of blobs from a store that keeps no local files (S3, the control
 *                        plane) under {@link #diskCacheDir()} ({@code SLIPWAY_EDGE_CACHE_SIZE}); unused with a
 *                        file-system store, whose files are served as they are
 * @param fetchTimeout    how long a request waits for the store while no byte of a blob it needs arrives
 *                        ({@code SLIPWAY_EDGE_FETCH_TIMEOUT}); then it gets a 503
 * @param reusePort       bind the HTTP and HTTPS ports with SO_REUSEPORT ({@code SLIPWAY_EDGE_REUSE_PORT}), so a new
 *                        edge can start on the ports of the one it replaces and the old one drain: a rolling update
 *                        on a host's ports that loses no connection (deploy/swarm)
 * @param trustedProxies  comma-separated CIDR blocks of the proxies (CDN, load balancer) in front of the edge
 *                        ({@code SLIPWAY_EDGE_TRUSTED_PROXIES}): from them the firewall takes the client address from
 *                        {@code X-Forwarded-For} and the country from {@code countryHeader}; blank = the TCP peer is
 *                        the client
 * @param countryHeader   the header a trusted proxy puts the visitor's ISO country code in, for the firewall's country
 *                        rules ({@code SLIPWAY_EDGE_COUNTRY_HEADER}, e.g. Cloudflare's {@code CF-IPCountry})
 * @param accessLogs      ship a record of every request to the control plane's access logs
 *                        ({@code SLIPWAY_EDGE_ACCESS_LOGS}); off, the edge only counts requests in its metrics
 * @param accessLogInterval how often the edge sends its access-log batch ({@code SLIPWAY_EDGE_ACCESS_LOG_INTERVAL});
 *                        sooner when 10,000 entries wait
 */
@Validated
@ConfigurationProperties("slipway.edge")
public record EdgeProperties(
        @NotNull @DefaultValue("http://localhost:8080") URI controlPlaneUrl,
        String token,
        @NotNull @DefaultValue(".slipway") Path dataDir,
        @NotNull @DefaultValue("30s") Duration pollWait,
        @NotNull @DefaultValue("256MB") DataSize blobCacheSize,
        @NotNull @DefaultValue("1MB") DataSize smallFileLimit,
        @NotNull @DefaultValue("32KB") DataSize zeroCopyFrom,
        @NotNull @DefaultValue("128KB") DataSize zeroCopyBelow,
        @DefaultValue("8443") int httpsPort,
        @DefaultValue("0") int httpsPublicPort,
        @DefaultValue("") String tlsKey,
        @DefaultValue("") String proxyAllow,
        @DefaultValue("") String proxyCaBundle,
        @NotNull @DefaultValue("30s") Duration proxyTimeout,
        @DefaultValue @NestedConfigurationProperty BlobStoreSettings blobs,
        @NotNull @DefaultValue("10GB") DataSize diskCacheSize,
        @NotNull @DefaultValue("10s") Duration fetchTimeout,
        @DefaultValue("false") boolean reusePort,
        @DefaultValue("") String trustedProxies,
        @DefaultValue("CF-IPCountry") String countryHeader,
        @DefaultValue("true") boolean accessLogs,
        @NotNull @DefaultValue("5s") Duration accessLogInterval) {

    public EdgeProperties {
        if (smallFileLimit != null && smallFileLimit.toBytes() > Integer.MAX_VALUE) {
            // cached files live in one ByteBuf each, whose size is an int
            throw new IllegalArgumentException("slipway.edge.small-file-limit must be below 2GB");
        }
        blobs = blobs == null ? BlobStoreSettings.defaults() : blobs;
        try {
            Destinations.allowing(proxyAllow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLIPWAY_EDGE_PROXY_ALLOW: " + e.getMessage(), e);
        }
        try {
            new ClientAddresses(trustedProxies, countryHeader);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLIPWAY_EDGE_TRUSTED_PROXIES (CIDR blocks, comma-separated): "
                    + e.getMessage(), e);
        }
    }

    /** Where 200 rewrites to other origins may connect. */
    public Destinations proxyDestinations() {
        return Destinations.allowing(proxyAllow);
    }

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }

    public Path diskCacheDir() {
        return dataDir.resolve("edge").resolve("blob-cache");
    }

    public Path snapshotFile() {
        return dataDir.resolve("edge").resolve("routes.json");
    }

    /** This edge's name among the edges sharing its token, kept across restarts (control planes count edges by it). */
    public Path instanceIdFile() {
        return dataDir.resolve("edge").resolve("instance-id");
    }

    public Path tlsKeyFile() {
        return dataDir.resolve("keys").resolve("tls.key");
    }

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }
}

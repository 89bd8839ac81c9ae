package dev.slipway.edge;

import dev.slipway.protocol.blob.BlobStoreSettings;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 * @param dataDir         shared data directory: blobs under {@code blobs/}, the last snapshot under {@code edge/}
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
 * @param blobs           the blob store ({@code SLIPWAY_BLOB_STORE}); default {@link #blobDir()}
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
        @DefaultValue BlobStoreSettings blobs) {

    public EdgeProperties {
        if (smallFileLimit != null && smallFileLimit.toBytes() > Integer.MAX_VALUE) {
            // cached files live in one ByteBuf each, whose size is an int
            throw new IllegalArgumentException("slipway.edge.small-file-limit must be below 2GB");
        }
        blobs = blobs == null ? BlobStoreSettings.defaults() : blobs;
    }

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }

    public Path snapshotFile() {
        return dataDir.resolve("edge").resolve("routes.json");
    }

    public Path tlsKeyFile() {
        return dataDir.resolve("keys").resolve("tls.key");
    }

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }
}

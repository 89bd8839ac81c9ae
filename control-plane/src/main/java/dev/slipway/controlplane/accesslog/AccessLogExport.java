package dev.slipway.controlplane.accesslog;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.protocol.accesslog.AccessLogEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.json.JsonMappers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Service;

/**
 * GenerateAccessLogs: a request for an app's logs of one domain and window becomes a short-lived link signed with a
 * key derived from the master key (any control plane of the installation checks it, nothing is stored), and the link
 * answers the CSV, read from the hourly parts when it is downloaded.
 */
@Service
public class AccessLogExport {

    /** Amplify's limit for one retrieval. */
    static final Duration MAX_WINDOW = Duration.ofDays(14);
    public static final String DOWNLOAD_PATH = "/access-log-downloads/";

    private final AccessLogStore store;
    private final BlobStore blobs;
    private final AppService apps;
    private final ControlPlaneProperties properties;
    private final byte[] signingKey;
    private final Clock clock = Clock.systemUTC();

    AccessLogExport(AccessLogStore store, BlobStore blobs, AppService apps, ControlPlaneProperties properties,
            SecretCipher cipher) {
        this.store = store;
        this.blobs = blobs;
        this.apps = apps;
        this.properties = properties;
        this.signingKey = cipher.derive("slipway access log links v1").getBytes(StandardCharsets.UTF_8);
    }

    /** What the link names: checked when it is made, signed, and checked again (signature, expiry) when used. */
    public record Window(String appId, String domainName, Instant startTime, Instant endTime) {
    }

    /** The link's path and query (relative to the control plane), valid for SLIPWAY_ACCESS_LOG_URL_VALIDITY. */
    public String linkFor(Window request) {
        Window window = checked(request);
        long expires = clock.instant().plus(properties.accessLogs().urlValidity()).getEpochSecond();
        String query = "domainName=" + URLEncoder.encode(window.domainName(), StandardCharsets.UTF_8)
                + "&startTime=" + window.startTime().getEpochSecond() + "&endTime=" + window.endTime().getEpochSecond()
                + "&expires=" + expires;
        return DOWNLOAD_PATH + window.appId() + "?" + query + "&signature=" + sign(window, expires);
    }

    /** {@link #linkFor} under the control plane's public URL, as the API answers it. */
    public String absoluteLinkFor(Window request) {
        return properties.publicUrl().replaceAll("/+$", "") + linkFor(request);
    }

    private Window checked(Window request) {
        apps.get(request.appId());
        String domain = request.domainName() == null ? "" : request.domainName().trim().toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || !domain.matches("[a-z0-9.-]{1,253}")) {
            throw Refusal.invalid("domainName must be the host to get logs for, such as main.<appId>.<base domain>.");
        }
        if (request.startTime() == null || request.endTime() == null) {
            throw Refusal.invalid("startTime and endTime are required (ISO-8601, such as 2026-01-31T12:00:00Z).");
        }
        if (!request.endTime().isAfter(request.startTime())) {
            throw Refusal.invalid("endTime must be after startTime.");
        }
        if (Duration.between(request.startTime(), request.endTime()).compareTo(MAX_WINDOW) > 0) {
            throw Refusal.invalid("The window between startTime and endTime can be at most two weeks.");
        }
        return new Window(request.appId(), domain, request.startTime(), request.endTime());
    }

    /** Refuses a link that was altered or has expired. */
    public void check(Window window, long expires, String signature) {
        byte[] expected = sign(window, expires).getBytes(StandardCharsets.US_ASCII);
        if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw Refusal.forbidden("This access log link is not valid; ask for a new one.");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw Refusal.forbidden("This access log link has expired; ask for a new one.");
        }
    }

    /** Writes the CSV a {@link #check checked} link names, oldest request first. */
    public void write(Window window, OutputStream out) throws IOException {
        out.write(AccessLogCsv.HEADER.getBytes(StandardCharsets.UTF_8));
        List<AccessLogStore.Part> parts = store.parts(window.appId(), window.startTime(), window.endTime());
        // parts of one hour come from several edges: sort each hour's requests, one hour in memory at a time
        for (int i = 0; i < parts.size(); ) {
            Instant hour = parts.get(i).hour();
            List<AccessLogEntry> entries = new ArrayList<>();
            for (; i < parts.size() && parts.get(i).hour().equals(hour); i++) {
                read(parts.get(i).blobKey(), window, entries);
            }
            entries.sort(Comparator.comparingLong(AccessLogEntry::epochMillis));
            for (AccessLogEntry entry : entries) {
                out.write(AccessLogCsv.line(entry).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void read(String key, Window window, List<AccessLogEntry> into) throws IOException {
        long from = window.startTime().toEpochMilli();
        long to = window.endTime().toEpochMilli();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(blobs.open(key)),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                AccessLogEntry entry = JsonMappers.LENIENT.readValue(line, AccessLogEntry.class);
                if (entry.epochMillis() >= from && entry.epochMillis() < to
                        && window.domainName().equalsIgnoreCase(entry.host())) {
                    into.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            // purged by the retention task between listing and reading: those requests are past retention anyway
        }
    }

    private String sign(Window window, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            String signed = String.join("\n", window.appId(), window.domainName(),
                    Long.toString(window.startTime().getEpochSecond()),
                    Long.toString(window.endTime().getEpochSecond()), Long.toString(expires));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

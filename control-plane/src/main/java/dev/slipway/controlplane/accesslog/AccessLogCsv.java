package dev.slipway.controlplane.accesslog;

import dev.slipway.protocol.accesslog.AccessLogEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One request as a line of the CSV Amplify's GenerateAccessLogs answers: CloudFront's standard log fields in their
 * order, {@code -} for what Slipway does not know, date and time in UTC, the User-Agent URL-encoded (so the line has
 * no commas inside a field; the other free-text fields are encoded the same way for the same reason).
 */
final class AccessLogCsv {

    static final List<String> COLUMNS = List.of("date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method",
            "cs(Host)", "cs-uri-stem", "sc-status", "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)",
            "x-edge-result-type", "x-edge-request-id", "x-host-header", "cs-protocol", "cs-bytes", "time-taken",
            "x-forwarded-for", "ssl-protocol", "ssl-cipher", "x-edge-response-result-type", "cs-protocol-version",
            "fle-status", "fle-encrypted-fields", "c-port", "time-to-first-byte", "x-edge-detailed-result-type",
            "sc-content-type", "sc-content-len", "sc-range-start", "sc-range-end");
    static final String HEADER = String.join(",", COLUMNS) + "\n";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private AccessLogCsv() {
    }

    static String line(AccessLogEntry e) {
        Instant at = Instant.ofEpochMilli(e.epochMillis());
        String seconds = String.format(java.util.Locale.ROOT, "%.3f", e.durationMicros() / 1_000_000.0);
        String result = edgeResult(e.result());
        String[] fields = {DATE.format(at), TIME.format(at), edgeLocation(e.requestId()), Long.toString(e.bytesSent()),
                text(e.clientAddress()), text(e.method()), text(e.host()), text(e.path()),
                Integer.toString(e.status()), encoded(e.referer()), encoded(e.userAgent()), encoded(e.query()), "-",
                result, text(e.requestId()), text(e.host()), text(e.scheme()), "-", seconds, "-", "-", "-", result,
                text(e.protocolVersion()), "-", "-", e.clientPort() > 0 ? Integer.toString(e.clientPort()) : "-",
                "-", detailed(e), encoded(e.contentType()), "-", "-", "-"};
        return String.join(",", fields) + "\n";
    }

    /** CloudFront's result types: Hit, Miss, Redirect, Error (a refusal by the firewall is CloudFront's Error). */
    private static String edgeResult(String result) {
        if (result == null) {
            return "-";
        }
        return switch (result) {
            case "Hit", "Miss", "Redirect", "Error" -> result;
            case "Compute" -> "Miss";
            case "Blocked" -> "Error";
            default -> text(result);
        };
    }

    /** Where CloudFront names the finer cause: the firewall's reason for a blocked request, SSR for compute. */
    private static String detailed(AccessLogEntry e) {
        if (e.blockedReason() != null) {
            return "Blocked-" + text(e.blockedReason());
        }
        return e.result() == null ? "-" : text(e.result());
    }

    /** The edge that answered: the request id's instance part (before its last '-'). */
    private static String edgeLocation(String requestId) {
        if (requestId == null || requestId.lastIndexOf('-') <= 0) {
            return "-";
        }
        return text(requestId.substring(0, requestId.lastIndexOf('-')));
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? "-" : encodeSeparators(value);
    }

    private static String encoded(String value) {
        return value == null || value.isEmpty() ? "-" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Paths and hosts are URL-shaped already; only what would split or break a line is encoded. */
    private static String encodeSeparators(String value) {
        return value.replace(",", "%2C").replace("\n", "%0A").replace("\r", "%0D")
                .replace(" ", "%20").replace("\"", "%22");
    }
}

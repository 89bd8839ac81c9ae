package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.accesslog.AccessLogRetention;
import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.protocol.accesslog.AccessLogBatch;
import dev.slipway.protocol.accesslog.AccessLogEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.edge.EdgeApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Access logs end to end on the control plane: gzip batches posted to the edge endpoint over HTTP, the
 * GenerateAccessLogs link's CSV, the Monitoring page's numbers and charts, and the retention purge.
 */
class AccessLogIntegrationTests extends ControlPlaneIntegrationTest {

    private static final String HEADER = "date,time,x-edge-location,sc-bytes,c-ip,cs-method,cs(Host),cs-uri-stem,"
            + "sc-status,cs(Referer),cs(User-Agent),cs-uri-query,cs(Cookie),x-edge-result-type,x-edge-request-id,"
            + "x-host-header,cs-protocol,cs-bytes,time-taken,x-forwarded-for,ssl-protocol,ssl-cipher,"
            + "x-edge-response-result-type,cs-protocol-version,fle-status,fle-encrypted-fields,c-port,"
            + "time-to-first-byte,x-edge-detailed-result-type,sc-content-type,sc-content-len,sc-range-start,"
            + "sc-range-end";
    private static final String PASSWORD = "access-log-member-password";

    @Autowired
    UserAccounts users;
    @Autowired
    AccessLogRetention retention;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BlobStore blobs;

    @Test
    void postedRequestsComeBackAsTheCsvOfTheirDomainAndWindowInCloudFrontsColumns() throws Exception {
        String appId = createAppWithBranch("main", null);
        String host = "main." + appId + ".localhost";
        Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        AccessLogEntry first = entry(appId, "main", host, t0, "first", 200, 1200, 3_000);
        AccessLogEntry otherHost = entry(appId, "main", "www.example.com", t0.plusSeconds(1), "other", 404, 10, 3_000);
        AccessLogEntry second = new AccessLogEntry(t0.plusSeconds(2).toEpochMilli(), "edge-a-2", host, appId, "main",
                "dpl1", "GET", "/docs/a b,c", "q=1&x=%2F", 503, 77, 250_000, "203.0.113.9", 51234,
                "Mozilla/5.0 (X11, Linux)", "https://ref.example/", "https", "HTTP/2.0", "Compute", null, "text/html");
        AccessLogEntry earlier = entry(appId, "main", host, t0.minus(2, ChronoUnit.HOURS), "earlier", 200, 5, 1_000);
        AccessLogEntry noApp = entry(null, null, host, t0, "no-app", 404, 5, 1_000);
        // two parts of the same hour, the later request posted first: the CSV is in request order
        assertThat(post(EDGE_TOKEN, List.of(second, noApp)).statusCode()).isEqualTo(204);
        assertThat(post(EDGE_TOKEN, List.of(first, otherHost, earlier)).statusCode()).isEqualTo(204);

        AccessLogEntry refused = entry(appId, "main", host, t0.plusSeconds(3), "bad-token", 200, 1, 1_000);
        assertThat(post("wrong-token", List.of(refused)).statusCode()).isEqualTo(401);
        assertThat(post(ADMIN_TOKEN, List.of(refused)).statusCode()).isIn(401, 403);
        List<AccessLogEntry> tooMany = new ArrayList<>();
        for (int i = 0; i <= AccessLogBatch.MAX_ENTRIES; i++) {
            tooMany.add(entry(appId, "main", host, t0.plusSeconds(4), "big-" + i, 200, 1, 1_000));
        }
        HttpResponse<String> tooLarge = post(EDGE_TOKEN, tooMany);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        Response badJson = call("POST", EdgeApi.ACCESS_LOGS, EDGE_TOKEN, gzip("{not json".getBytes()),
                Map.of("Content-Encoding", "gzip"));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        List<String> lines = csv(appId, host, t0.minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(lines.getFirst()).isEqualTo(HEADER);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",first,");
        String[] fields = lines.get(2).split(",", -1);
        assertThat(fields).hasSize(33);
        assertThat(fields[0]).isEqualTo(t0.toString().substring(0, 10));
        assertThat(fields[1]).isEqualTo(t0.plusSeconds(2).toString().substring(11, 19));
        assertThat(fields[2]).isEqualTo("edge-a");
        assertThat(fields[3]).isEqualTo("77");
        assertThat(fields[4]).isEqualTo("203.0.113.9");
        assertThat(fields[6]).isEqualTo(host);
        assertThat(fields[7]).isEqualTo("/docs/a%20b%2Cc");
        assertThat(fields[8]).isEqualTo("503");
        assertThat(fields[10]).isEqualTo("Mozilla%2F5.0+%28X11%2C+Linux%29");
        assertThat(fields[12]).isEqualTo("-");
        assertThat(fields[14]).isEqualTo("edge-a-2");
        assertThat(fields[18]).isEqualTo("0.250");
        assertThat(fields[23]).isEqualTo("HTTP/2.0");
        assertThat(fields[26]).isEqualTo("51234");
        // only the other domain's request for the other domain
        assertThat(csv(appId, "www.example.com", t0.minusSeconds(60), Instant.now().plusSeconds(60)))
                .hasSize(2).last().asString().contains(",other,");
    }

    @Test
    void theLinkIsForTheTeamOnlyAndRefusesLongWindowsAndTampering() throws Exception {
        String appId = createAppWithBranch("main", null);
        String path = "/api/v1/apps/" + appId + "/accesslogs";
        Instant now = Instant.now();
        Response tooLong = api("POST", path, Map.of("domainName", "main." + appId + ".localhost",
                "startTime", now.minus(15, ChronoUnit.DAYS).toString(), "endTime", now.toString()));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("detail").asString()).contains("two weeks");
        assertThat(api("POST", path, Map.of("startTime", now.minusSeconds(60).toString(), "endTime", now.toString()))
                .status()).isEqualTo(400);
        assertThat(api("POST", path, Map.of("domainName", "a.example", "startTime", now.toString(),
                "endTime", now.minusSeconds(1).toString())).status()).isEqualTo(400);
        assertThat(call("POST", path, null, Map.of(), Map.of()).status()).isEqualTo(401);
        assertThat(api("POST", "/api/v1/apps/no-such-app/accesslogs", Map.of("domainName", "a.example",
                "startTime", now.minusSeconds(60).toString(), "endTime", now.toString())).status()).isEqualTo(404);

        String link = logUrl(appId, "a.example", now.minusSeconds(60), now);
        assertThat(call("GET", link, null, null, Map.of()).status()).isEqualTo(200);
        Response tampered = call("GET", link.replace("domainName=a.example", "domainName=b.example"), null, null,
                Map.of());
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(tampered.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void theMonitoringPageShowsTheCountsAndChartsOfTheLastHour() throws Exception {
        String appId = createAppWithBranch("main", null);
        api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", "dev"));
        String host = "main." + appId + ".localhost";
        Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);
        assertThat(post(EDGE_TOKEN, List.of(
                entry(appId, "main", host, t0, "m1", 200, 1024, 3_000),
                entry(appId, "main", host, t0, "m2", 404, 512, 3_000),
                entry(appId, "main", host, t0.plusSeconds(1), "m3", 502, 512, 200_000),
                entry(appId, "dev", "dev." + appId + ".localhost", t0, "d1", 200, 100, 3_000),
                entry(appId, "main", host, t0.minus(3, ChronoUnit.HOURS), "old", 200, 1, 3_000))).statusCode())
                .isEqualTo(204);

        String name = "monitoring-viewer-" + System.nanoTime();
        users.create(name, null, PASSWORD, "VIEWER");
        ConsoleClient viewer = ConsoleClient.signedIn(port, name, PASSWORD);
        assertThat(viewer.get("/apps/" + appId).body()).contains("id=\"app-monitoring\"");
        String page = viewer.get("/apps/" + appId + "/monitoring").body();
        assertThat(page).contains("id=\"total-requests\">4<").contains("id=\"total-4xx\">1<")
                .contains("id=\"total-5xx\">1<").contains("id=\"total-bytes\">2.1 KB<")
                .contains("id=\"total-latency\">5 / 250 / 250 ms<")
                .contains("id=\"chart-requests\"").contains("id=\"chart-latency\"").contains("class=\"line-p99\"")
                .contains("id=\"access-logs\"");
        // the last minute of the hour is empty, the bottom of the chart; 3 requests at the top in one minute
        assertThat(page).contains("class=\"line-requests\"").contains("points=\"0.0,118.0 ")
                .contains(" 600.0,118.0\"").contains(",2.0 ");

        String main = viewer.get("/apps/" + appId + "/monitoring?range=hour&branch=main").body();
        assertThat(main).contains("id=\"total-requests\">3<");
        HttpResponse<String> fragment = viewer.get("/apps/" + appId + "/monitoring?range=week", Map.of("HX-Request", "true"));
        assertThat(fragment.body()).startsWith("<div").contains("id=\"total-requests\">5<")
                .doesNotContain("id=\"access-logs\"");
    }

    @Test
    void retentionDeletesOldPartsWithTheirBlobsAndOldCounts() throws Exception {
        String appId = createAppWithBranch("main", null);
        String host = "main." + appId + ".localhost";
        Instant now = Instant.now();
        post(EDGE_TOKEN, List.of(entry(appId, "main", host, now.minus(3, ChronoUnit.HOURS), "old", 200, 1, 1_000),
                entry(appId, "main", host, now, "new", 200, 1, 1_000)));
        List<String> keys = partKeys(appId);
        assertThat(keys).hasSize(2);

        retention.purgeBefore(now.minus(1, ChronoUnit.HOURS));

        List<String> left = partKeys(appId);
        assertThat(left).hasSize(1);
        String removed = keys.stream().filter(k -> !left.contains(k)).findFirst().orElseThrow();
        assertThat(blobs.exists(removed)).isFalse();
        assertThat(blobs.exists(left.getFirst())).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM access_log_minutes WHERE app_id = ?").param(appId)
                .query(Long.class).single()).isEqualTo(1);
        List<String> lines = csv(appId, host, now.minus(4, ChronoUnit.HOURS), now.plusSeconds(60));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",new,");
    }

    private List<String> partKeys(String appId) {
        return jdbc.sql("SELECT blob_key FROM access_log_parts WHERE app_id = ?").param(appId).query(String.class)
                .list();
    }

    private List<String> csv(String appId, String domain, Instant start, Instant end) throws Exception {
        Response download = call("GET", logUrl(appId, domain, start, end), null, null, Map.of());
        assertThat(download.status()).as(download.body()).isEqualTo(200);
        assertThat(download.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return download.body().lines().toList();
    }

    /** The link's path and query: the public URL of the tests' control plane is not its random port. */
    private String logUrl(String appId, String domain, Instant start, Instant end) throws Exception {
        Response generated = api("POST", "/api/v1/apps/" + appId + "/accesslogs",
                Map.of("domainName", domain, "startTime", start.toString(), "endTime", end.toString()));
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        URI url = URI.create(generated.json().path("logUrl").asString());
        return url.getRawPath() + "?" + url.getRawQuery();
    }

    private HttpResponse<String> post(String token, List<AccessLogEntry> entries) throws Exception {
        byte[] json = JSON.writeValueAsBytes(new AccessLogBatch("edge-test", entries));
        return call("POST", EdgeApi.ACCESS_LOGS, token, gzip(json), Map.of("Content-Encoding", "gzip")).raw();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static AccessLogEntry entry(String appId, String branch, String host, Instant at, String requestId,
            int status, long bytes, long micros) {
        return new AccessLogEntry(at.toEpochMilli(), requestId, host, appId, branch, "dpl", "GET", "/", null, status,
                bytes, micros, "198.51.100.7", 40000, "curl/8", null, "http", "HTTP/1.1", "Miss", null, "text/html");
    }
}

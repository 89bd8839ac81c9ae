package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.controlplane.identity.Me;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.TokenService;
import dev.slipway.controlplane.identity.UserAccounts;
import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import dev.slipway.controlplane.job.JobQueue;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Manual deploys over real HTTP (Amplify's CreateDeployment / StartDeployment): an app without a repository gets a
 * zip uploaded to its signed URL or fetched from a sourceUrl, and a MANUAL job (DEPLOY, VERIFY) deploys it through
 * the usual path (content-addressed blobs, a manifest, the route snapshot); bad zips fail the job with the reason.
 */
class ManualDeployIntegrationTests extends ControlPlaneIntegrationTest {


    @Autowired
    TokenService tokens;

    @Autowired
    UserAccounts users;

    @Autowired
    JobQueue queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void anUploadedZipIsDeployedAndOnlyChangedFilesAreStoredTheSecondTime() throws Exception {
        String appId = manualApp("main");
        String base = "/api/v1/apps/" + appId + "/branches/main";
        Response created = api("POST", base + "/deployments", null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String jobId = created.json().path("jobId").asString();
        String uploadUrl = created.json().path("zipUploadUrl").asString();
        assertThat(uploadUrl).startsWith("http://127.0.0.1:" + port + "/uploads/manual-deploys/");
        assertThat(job(appId, jobId).path("summary").path("status").asString()).isEqualTo("CREATED");

        Response early = api("POST", base + "/deployments/start", Map.of("jobId", jobId));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().path("detail").asString()).contains("Nothing was uploaded");

        // blobs are shared by content across the suite: this app's own bytes, so "2 of 2" is not another test's luck
        Map<String, byte[]> site = new LinkedHashMap<>();
        site.put("index.html", "<h1>one</h1>".getBytes(StandardCharsets.UTF_8));
        site.put("css/site.css", ("body{} /* " + appId + " */").getBytes(StandardCharsets.UTF_8));
        site.put("customHttp.yml", "customHeaders:\n  - pattern: '**/*'\n    headers:\n      - key: X-Zip\n        value: yes\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(put(uploadUrl, zip(site)).status()).isEqualTo(200);
        Response started = api("POST", base + "/deployments/start", Map.of("jobId", jobId));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().path("jobSummary").path("jobType").asString()).isEqualTo("MANUAL");
        assertThat(put(uploadUrl, zip(site)).status()).as("the job has started: its URL takes no more").isEqualTo(409);

        JsonNode first = awaitEnd(appId, jobId);
        assertThat(first.path("summary").path("status").asString()).as(log(appId, jobId)).isEqualTo("SUCCEED");
        assertThat(first.path("steps").findValuesAsString("stepName")).containsExactly("DEPLOY", "VERIFY");
        assertThat(log(appId, jobId)).contains("Deploy: uploaded 2 of 2 files");
        DeploymentManifest manifest = liveManifest(appId);
        assertThat(manifest.files().keySet()).containsExactly("css/site.css", "index.html");
        assertThat(manifest.files().get("index.html").contentType()).startsWith("text/html");
        assertThat(read(manifest.files().get("index.html").hash())).isEqualTo("<h1>one</h1>");
        assertThat(manifest.headers().rules()).hasSize(1);

        site.put("index.html", "<h1>two</h1>".getBytes(StandardCharsets.UTF_8));
        String second = uploadAndStart(appId, "main", zip(site));
        assertThat(awaitEnd(appId, second).path("summary").path("status").asString()).isEqualTo("SUCCEED");
        assertThat(log(appId, second)).contains("Deploy: uploaded 1 of 2 files").contains("1 already stored");
        assertThat(read(liveManifest(appId).files().get("index.html").hash())).isEqualTo("<h1>two</h1>");

        JsonNode deployments = api("GET", base + "/deployments", null).json().path("deployments");
        assertThat(deployments).hasSize(2);
        String earlier = deployments.get(1).path("deploymentId").asString();
        assertThat(api("POST", base + "/deployments/" + earlier + "/activate", null).status()).isEqualTo(200);
        assertThat(read(liveManifest(appId).files().get("index.html").hash())).isEqualTo("<h1>one</h1>");
    }

    @Test
    void badZipsFailTheJobWithTheReasonAndDeployNothing() throws Exception {
        String appId = manualApp("main");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("../evil.html", "path cannot be served");
        cases.put("/etc/passwd", "path cannot be served");
        for (var bad : cases.entrySet()) {
            assertRefused(appId, zip(Map.of("index.html", new byte[] {1}, bad.getKey(), new byte[] {2})),
                    bad.getValue());
        }
        assertRefused(appId, symlinkZip(), "symbolic link");
        assertRefused(appId, zip(Map.of("zeros.bin", new byte[2 * 1024 * 1024])), "zip bomb");
        Map<String, byte[]> large = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            large.put("part" + i + ".bin", new byte[1024 * 1024]);
        }
        assertRefused(appId, zip(large), "unpacks to more than");
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("f" + i + ".txt", new byte[] {1});
        }
        assertRefused(appId, zip(many), "at most 50 are allowed");
        assertRefused(appId, "this is not a zip".getBytes(StandardCharsets.UTF_8), "not a zip archive");
        assertThat(api("GET", "/api/v1/apps/" + appId + "/branches/main/deployments", null).json()
                .path("deployments")).isEmpty();
    }

    @Test
    void anUploadOverTheLimitIs413AndAForgedUrlIs403() throws Exception {
        String appId = manualApp("main");
        JsonNode created = api("POST", "/api/v1/apps/" + appId + "/branches/main/deployments", null).json();
        String url = created.path("zipUploadUrl").asString();
        Response tooLarge = put(url, new byte[2 * 1024 * 1024 + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        Response forged = put(url.replaceFirst("signature=.", "signature=0"), zip(Map.of("a.txt", new byte[1])));
        assertThat(forged.status()).isEqualTo(403);
    }

    @Test
    void aSourceUrlIsFetchedByTheControlPlaneAndCheckedFirst() throws Exception {
        String appId = manualApp("main");
        String start = "/api/v1/apps/" + appId + "/branches/main/deployments/start";
        byte[] zip = zip(Map.of("index.html", "<p>from a URL</p>".getBytes(StandardCharsets.UTF_8)));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/site.zip", exchange -> {
            exchange.sendResponseHeaders(200, zip.length);
            exchange.getResponseBody().write(zip);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Response started = api("POST", start, Map.of("sourceUrl", base + "/site.zip"));
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            String jobId = started.json().path("jobSummary").path("jobId").asString();
            assertThat(awaitEnd(appId, jobId).path("summary").path("status").asString()).as(log(appId, jobId))
                    .isEqualTo("SUCCEED");
            assertThat(liveManifest(appId).files()).containsOnlyKeys("index.html");

            String missing = api("POST", start, Map.of("sourceUrl", base + "/missing.zip")).json()
                    .path("jobSummary").path("jobId").asString();
            JsonNode failed = awaitEnd(appId, missing);
            assertThat(failed.path("summary").path("statusReason").asString()).contains("answered 404");
        } finally {
            server.stop(0);
        }
        assertThat(api("POST", start, Map.of("sourceUrl", "file:///etc/passwd")).status()).isEqualTo(400);
        Response metadata = api("POST", start, Map.of("sourceUrl", "http://169.254.169.254/latest/site.zip"));
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.json().path("detail").asString()).contains("link-local");
        assertThat(api("POST", start, Map.of()).status()).isEqualTo(400);
    }

    @Test
    void onlyAppsWithoutARepositoryDeployZipsAndTheyBuildNothing() throws Exception {
        String gitApp = createAppWithBranch("main", null);
        Response refused = api("POST", "/api/v1/apps/" + gitApp + "/branches/main/deployments", null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString()).contains("created without one");

        String appId = manualApp("main");
        Response build = api("POST", "/api/v1/apps/" + appId + "/branches/main/jobs", Map.of("jobType", "RELEASE"));
        assertThat(build.status()).isEqualTo(409);
        assertThat(build.json().path("detail").asString()).contains("no repository");

        String username = "manual-viewer-" + System.nanoTime();
        users.create(username, null, "viewer-password-long-enough", Role.VIEWER.name());
        String viewer = tokens.create(new Me(username, Role.VIEWER, null), "viewer", Role.VIEWER).token();
        Response asViewer = call("POST", "/api/v1/apps/" + appId + "/branches/main/deployments", viewer, null,
                Map.of());
        assertThat(asViewer.status()).isEqualTo(403);
    }

    /**
     * A control plane leases the job and dies (kill -9: no heartbeat, no completion): once the lease lapses the reaper
     * queues the job again and a live control plane deploys it. The start was committed before it was answered.
     */
    @Test
    void aDeployWhoseControlPlaneDiedIsDeployedByAnother() throws Exception {
        String appId = manualApp("main");
        Lifecycle worker = context.getBean("manualDeployWorker", Lifecycle.class);
        String jobId;
        worker.stop();
        try {
            jobId = uploadAndStart(appId, "main", zip(Map.of("index.html", "<p>survived</p>".getBytes(
                    StandardCharsets.UTF_8))));
            JobQueue.Lease dead = null;
            while (dead == null || !dead.job().appId().equals(appId)) {
                dead = await().atMost(Duration.ofSeconds(10))
                        .until(() -> queue.leaseManual("control-plane-killed"), Optional::isPresent).orElseThrow();
            }
            jdbc.sql("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = ?")
                    .param(dead.job().id()).update();
        } finally {
            worker.start();
        }
        JsonNode job = awaitEnd(appId, jobId);
        assertThat(job.path("summary").path("status").asString()).as(log(appId, jobId)).isEqualTo("SUCCEED");
        assertThat(log(appId, jobId)).contains("queued again");
        assertThat(read(liveManifest(appId).files().get("index.html").hash())).isEqualTo("<p>survived</p>");
    }

    private void assertRefused(String appId, byte[] zip, String reason) throws Exception {
        String jobId = uploadAndStart(appId, "main", zip);
        JsonNode job = awaitEnd(appId, jobId);
        assertThat(job.path("summary").path("status").asString()).as(reason).isEqualTo("FAILED");
        assertThat(job.path("summary").path("statusReason").asString()).contains(reason);
        assertThat(log(appId, jobId)).contains(reason);
    }

    private String manualApp(String branch) throws Exception {
        String appId = api("POST", "/api/v1/apps", Map.of("name", "zip site")).json().path("app").path("appId")
                .asString();
        assertThat(api("POST", "/api/v1/apps/" + appId + "/branches", Map.of("branchName", branch)).status())
                .isEqualTo(201);
        return appId;
    }

    private String uploadAndStart(String appId, String branch, byte[] zip) throws Exception {
        String base = "/api/v1/apps/" + appId + "/branches/" + branch + "/deployments";
        JsonNode created = api("POST", base, null).json();
        assertThat(put(created.path("zipUploadUrl").asString(), zip).status()).isEqualTo(200);
        Response started = api("POST", base + "/start", Map.of("jobId", created.path("jobId").asString()));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return created.path("jobId").asString();
    }

    private Response put(String url, byte[] body) throws Exception {
        URI uri = URI.create(url);
        return call("PUT", uri.getRawPath() + "?" + uri.getRawQuery(), null, body,
                Map.of("Content-Type", "application/zip"));
    }

    private JsonNode job(String appId, String jobId) throws Exception {
        return api("GET", "/api/v1/apps/" + appId + "/branches/main/jobs/" + jobId, null).json().path("job");
    }

    private JsonNode awaitEnd(String appId, String jobId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            last[0] = job(appId, jobId);
            return switch (last[0].path("summary").path("status").asString()) {
                case "SUCCEED", "FAILED", "CANCELLED" -> true;
                default -> false;
            };
        });
        return last[0];
    }

    private String log(String appId, String jobId) throws Exception {
        return api("GET", "/api/v1/apps/" + appId + "/branches/main/jobs/" + jobId + "/logs", null).body();
    }

    private static final java.util.function.Supplier<FileSystemBlobStore> STORE = () -> {
        try {
            return new FileSystemBlobStore(DATA_DIR.resolve("blobs"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    };

    private static String read(String key) throws IOException {
        return new String(STORE.get().read(key), StandardCharsets.UTF_8);
    }

    private DeploymentManifest liveManifest(String appId) throws Exception {
        String hash = site(routes(0), "main." + appId + ".localhost").path("manifestHash").asString();
        return DeploymentManifest.fromJson(STORE.get().read(hash));
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] symlinkZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry index = new ZipArchiveEntry("index.html");
            zip.putArchiveEntry(index);
            zip.write("hi".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            ZipArchiveEntry link = new ZipArchiveEntry("secrets.txt");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write("/etc/shadow".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}

package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.BlobTransfer;
import dev.slipway.protocol.blob.ControlPlaneBlobStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The blob transfer API on a control plane whose store is a directory: runners upload through the control plane,
 * which checks every upload against its key; {@link ControlPlaneBlobStore} against it sends only what is missing.
 */
class BlobTransferIntegrationTests extends ControlPlaneIntegrationTest {

    @Autowired
    BlobStore blobs;

    @TempDir
    Path temp;

    @Test
    void theStoreNamesOnlyTheAbsentKeysAndTheControlPlaneAsWhereToUploadThem() throws Exception {
        String present = blobs.put("already here".getBytes());
        String absent = sha256("not yet".getBytes());

        Response answer = missing(RUNNER_TOKEN, List.of(new BlobTransfer.BlobRef(present, 12),
                new BlobTransfer.BlobRef(absent, 7), new BlobTransfer.BlobRef(absent, 7)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode missing = answer.json().path("missing");
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).path("key").asString()).isEqualTo(absent);
        assertThat(missing.get(0).path("upload").path("method").asString()).isEqualTo("PUT");
        assertThat(missing.get(0).path("upload").path("url").asString()).isEqualTo("/runner/v1/blobs/" + absent);
    }

    @Test
    void anUploadWhoseBytesAreNotTheKeysIsRefusedAndNothingIsStored() throws Exception {
        byte[] bytes = "the real bytes".getBytes();
        String key = sha256(bytes);

        Response forged = call("PUT", "/runner/v1/blobs/" + key, RUNNER_TOKEN, "the fake bytes".getBytes(),
                Map.of("Content-Type", "application/octet-stream"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(forged.json().path("detail").asString()).contains("nothing was stored");
        assertThat(blobs.exists(key)).isFalse();
        assertThat(blobs.exists(sha256("the fake bytes".getBytes()))).isFalse();
        try (var left = Files.list(DATA_DIR.resolve("blob-uploads"))) {
            assertThat(left).as("temporary upload files").isEmpty();
        }

        Response upload = call("PUT", "/runner/v1/blobs/" + key, RUNNER_TOKEN, bytes,
                Map.of("Content-Type", "application/octet-stream"));
        assertThat(upload.status()).isEqualTo(204);
        assertThat(blobs.read(key)).isEqualTo(bytes);
    }

    @Test
    void runnersAndEdgesReadBlobsWithTheirOwnTokensOnly() throws Exception {
        String key = blobs.put("served immutable".getBytes());

        for (String path : List.of("/runner/v1/blobs/" + key, "/edge/v1/blobs/" + key)) {
            String token = path.startsWith("/runner") ? RUNNER_TOKEN : EDGE_TOKEN;
            Response get = call("GET", path, token, null, Map.of());
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("served immutable");
            assertThat(get.raw().headers().firstValue("Cache-Control").orElse("")).contains("immutable");
            assertThat(get.raw().headers().firstValue("Content-Length")).hasValue("16");
            assertThat(call("HEAD", path, token, null, Map.of()).status()).isEqualTo(200);
            assertThat(call("GET", path, null, null, Map.of()).status()).isEqualTo(401);
            assertThat(call("GET", path, token.equals(EDGE_TOKEN) ? RUNNER_TOKEN : EDGE_TOKEN, null, Map.of())
                    .status()).isIn(401, 403);
        }
        String absent = sha256("absent".getBytes());
        assertThat(call("GET", "/edge/v1/blobs/" + absent, EDGE_TOKEN, null, Map.of()).status()).isEqualTo(404);
        assertThat(call("HEAD", "/runner/v1/blobs/" + absent, RUNNER_TOKEN, null, Map.of()).status()).isEqualTo(404);
        assertThat(call("GET", "/runner/v1/blobs/ABC", RUNNER_TOKEN, null, Map.of()).status()).isEqualTo(400);
        assertThat(call("PUT", "/edge/v1/blobs/" + absent, EDGE_TOKEN, "x".getBytes(), Map.of()).status())
                .as("edges only read").isIn(404, 405);
    }

    @Test
    void withoutARunnerTokenNothingIsAnsweredOrStored() throws Exception {
        String key = sha256("anonymous".getBytes());
        assertThat(missing(null, List.of(new BlobTransfer.BlobRef(key, 9))).status()).isEqualTo(401);
        assertThat(missing(EDGE_TOKEN, List.of(new BlobTransfer.BlobRef(key, 9))).status()).isIn(401, 403);
        assertThat(call("PUT", "/runner/v1/blobs/" + key, null, "anonymous".getBytes(), Map.of()).status())
                .isEqualTo(401);
        assertThat(blobs.exists(key)).isFalse();
    }

    @Test
    void badQuestionsAreRefusedWithAReason() throws Exception {
        assertThat(missing(RUNNER_TOKEN, List.of(new BlobTransfer.BlobRef("../../etc/passwd", 1))).status())
                .isEqualTo(400);
        assertThat(missing(RUNNER_TOKEN, List.of(new BlobTransfer.BlobRef(sha256("huge".getBytes()),
                3L * 1024 * 1024 * 1024))).json().path("detail").asString()).contains("SLIPWAY_MAX_BLOB_SIZE");
        List<BlobTransfer.BlobRef> tooMany = new ArrayList<>();
        for (int i = 0; i <= BlobTransfer.MAX_KEYS_PER_REQUEST; i++) {
            tooMany.add(new BlobTransfer.BlobRef(sha256(("blob " + i).getBytes()), 1));
        }
        assertThat(missing(RUNNER_TOKEN, tooMany).status()).isEqualTo(400);
    }

    /** The client against the real control plane, bytes counted on the wire by a proxy in between. */
    @Test
    void theClientUploadsOnlyMissingBlobsAndReadsThemBackChecked() throws Exception {
        List<Path> files = randomFiles(temp, 40, 20_000);
        try (CountingProxy proxy = new CountingProxy(port);
             ControlPlaneBlobStore client = new ControlPlaneBlobStore(proxy.url(), RUNNER_TOKEN,
                     BlobTransfer.RUNNER_PREFIX)) {
            BlobStore.Transfer first = client.putAll(files);
            long firstBytes = proxy.sent();
            assertThat(first.uploaded()).isEqualTo(40);
            assertThat(firstBytes).isGreaterThan(40L * 20_000);

            Files.write(files.get(7), "changed".getBytes());
            BlobStore.Transfer second = client.putAll(files);
            long secondBytes = proxy.sent() - firstBytes;

            assertThat(second.uploaded()).isEqualTo(1);
            assertThat(second.uploadedBytes()).isEqualTo(7);
            assertThat(second.describe()).isEqualTo("uploaded 1 of 40 files (7 bytes); 39 already stored");
            assertThat(secondBytes).as("one question and one 7-byte upload").isLessThan(20_000);
            for (Path file : files) {
                String key = second.keys().get(file);
                assertThat(blobs.read(key)).isEqualTo(Files.readAllBytes(file));
                assertThat(client.read(key)).isEqualTo(Files.readAllBytes(file));
            }
            assertThat(client.exists(second.keys().get(files.get(7)))).isTrue();
            assertThat(client.lastTouched(second.keys().get(files.get(7))).orElseThrow())
                    .isEqualTo(blobs.lastTouched(second.keys().get(files.get(7))).orElseThrow()
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(client.put("small".getBytes())).isEqualTo(sha256("small".getBytes()));
            String absent = sha256("nowhere".getBytes());
            assertThat(client.exists(absent)).isFalse();
            assertThat(client.lastTouched(absent)).isEmpty();
            assertThatThrownBy(() -> client.open(absent)).isInstanceOf(NoSuchFileException.class);
        }
    }

    /** A control plane that drops connections (restarting) costs retries, not the build. */
    @Test
    void droppedConnectionsAreRetried() throws Exception {
        Path file = Files.write(temp.resolve("retried"), "retried bytes".getBytes());
        try (CountingProxy proxy = new CountingProxy(port);
             ControlPlaneBlobStore client = new ControlPlaneBlobStore(proxy.url(), RUNNER_TOKEN,
                     BlobTransfer.RUNNER_PREFIX)) {
            proxy.drop(3);
            assertThat(client.put(file)).isEqualTo(sha256("retried bytes".getBytes()));
            assertThat(blobs.read(sha256("retried bytes".getBytes()))).isEqualTo("retried bytes".getBytes());
        }
    }

    @Test
    void aRefusedTokenIsAnErrorThatSaysSo() throws Exception {
        try (ControlPlaneBlobStore client = new ControlPlaneBlobStore(java.net.URI.create("http://127.0.0.1:" + port),
                "not-a-token", BlobTransfer.RUNNER_PREFIX)) {
            assertThatThrownBy(() -> client.put("refused".getBytes())).hasMessageContaining("HTTP 401")
                    .hasMessageContaining("token");
        }
    }

    private Response missing(String token, List<BlobTransfer.BlobRef> refs) throws Exception {
        return call("POST", "/runner/v1/blobs/missing", token, new BlobTransfer.MissingRequest(refs), Map.of());
    }

    /** Files of different random bytes, {@code size} and a few more each. */
    static List<Path> randomFiles(Path dir, int count, int size) throws java.io.IOException {
        List<Path> files = new ArrayList<>();
        Random random = new Random(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[size + i];
            random.nextBytes(bytes);
            files.add(Files.write(dir.resolve("file-" + i), bytes));
        }
        return files;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

package dev.slipway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.BlobTransfer;
import dev.slipway.protocol.blob.ControlPlaneBlobStore;
import dev.slipway.protocol.blob.S3MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import tools.jackson.databind.JsonNode;

/**
 * The blob transfer API on a control plane whose store is S3 (S3Mock in its own JVM): uploads and reads go straight
 * to the store with presigned URLs, so the bytes never pass through the control plane.
 */
class BlobTransferS3IntegrationTests extends ControlPlaneIntegrationTest {

    private static final String BUCKET = "transfer";
    private static final S3MockServer S3 = startS3();

    @DynamicPropertySource
    static void s3Store(DynamicPropertyRegistry registry) {
        registry.add("slipway.control-plane.blobs.store", () -> "s3://" + BUCKET + "/blobs");
        registry.add("slipway.control-plane.blobs.s3-endpoint", S3::endpoint);
    }

    @AfterAll
    static void stopS3() throws IOException {
        S3.close();
    }

    @Autowired
    BlobStore blobs;

    @TempDir
    Path temp;

    @Test
    void absentKeysGetPresignedUploadsThatSignTheirChecksum() throws Exception {
        String present = blobs.put("in the bucket".getBytes());
        String absent = BlobTransferIntegrationTests.sha256("not yet".getBytes());

        Response answer = call("POST", "/runner/v1/blobs/missing", RUNNER_TOKEN, new BlobTransfer.MissingRequest(
                List.of(new BlobTransfer.BlobRef(present, 13), new BlobTransfer.BlobRef(absent, 7))), Map.of());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode missing = answer.json().path("missing");
        assertThat(missing).hasSize(1);
        JsonNode upload = missing.get(0).path("upload");
        assertThat(upload.path("url").asString()).startsWith(S3.endpoint() + "/" + BUCKET + "/blobs/"
                + absent.substring(0, 2) + "/" + absent.substring(2) + "?");
        assertThat(upload.path("headers").path("x-amz-checksum-sha256").isString()).isTrue();
        assertThat(call("POST", "/runner/v1/blobs/missing", null, new BlobTransfer.MissingRequest(List.of()),
                Map.of()).status()).isEqualTo(401);
    }

    @Test
    void theClientUploadsStraightToTheStoreAndReadsThroughARedirect() throws Exception {
        List<Path> files = BlobTransferIntegrationTests.randomFiles(temp, 12, 50_000);
        try (CountingProxy proxy = new CountingProxy(port);
             ControlPlaneBlobStore client = new ControlPlaneBlobStore(proxy.url(), RUNNER_TOKEN,
                     BlobTransfer.RUNNER_PREFIX)) {
            BlobStore.Transfer transfer = client.putAll(files);

            assertThat(transfer.uploaded()).isEqualTo(12);
            assertThat(proxy.sent()).as("only the question went through the control plane").isLessThan(50_000);
            for (Path file : files) {
                String key = transfer.keys().get(file);
                byte[] stored = S3.client().getObject(b -> b.bucket(BUCKET).key("blobs/" + key.substring(0, 2) + "/"
                        + key.substring(2)), ResponseTransformer.toBytes()).asByteArray();
                assertThat(stored).isEqualTo(Files.readAllBytes(file));
            }
            assertThat(client.putAll(files).uploaded()).isZero();

            String key = transfer.keys().get(files.getFirst());
            Response redirect = call("GET", "/edge/v1/blobs/" + key, EDGE_TOKEN, null, Map.of());
            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.raw().headers().firstValue("Location").orElseThrow()).startsWith(S3.endpoint());
            long before = proxy.sent();
            assertThat(client.read(key)).isEqualTo(Files.readAllBytes(files.getFirst()));
            assertThat(client.exists(key)).isTrue();
            assertThat(proxy.sent() - before).as("the bytes came from the store").isLessThan(5_000);
        }
    }

    private static S3MockServer startS3() {
        // the store's client takes its credentials from the SDK's default chain; S3Mock accepts any
        System.setProperty("aws.accessKeyId", "slipway");
        System.setProperty("aws.secretAccessKey", "slipway-secret");
        try {
            return S3MockServer.start(BUCKET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

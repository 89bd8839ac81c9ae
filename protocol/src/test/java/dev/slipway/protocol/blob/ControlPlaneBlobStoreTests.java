package dev.slipway.protocol.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the blob API client that need no server (against a control plane: control-plane's ITs). */
class ControlPlaneBlobStoreTests {

    private final BlobHttp http = new BlobHttp(URI.create("http://cp.example:8080/base/"), "runner-secret",
            Duration.ZERO);

    @Test
    void theTokenGoesToTheControlPlaneAndNeverToAPresignedUrl() {
        var own = http.request("/runner/v1/blobs/missing").GET().build();
        assertThat(own.uri()).isEqualTo(URI.create("http://cp.example:8080/base/runner/v1/blobs/missing"));
        assertThat(own.headers().firstValue("Authorization")).hasValue("Bearer runner-secret");

        var presigned = http.request("https://bucket.s3.example/ab/cd?X-Amz-Signature=s").GET().build();
        assertThat(presigned.headers().firstValue("Authorization")).isEmpty();
        assertThat(BlobHttp.describe(presigned)).as("the signature stays out of messages")
                .isEqualTo("GET https://bucket.s3.example/ab/cd");
        assertThat(new BlobTransfer.Upload("PUT", "/runner/v1/blobs/x", null).isPresigned()).isFalse();
        assertThat(new BlobTransfer.Upload("PUT", "https://s3.example/x", null).isPresigned()).isTrue();
    }

    @Test
    void errorsCarryTheProblemDetailOrTheStartOfTheBody() {
        var request = http.request("/runner/v1/blobs/missing").GET().build();
        assertThat(BlobHttp.unexpected(request, 400, "{\"title\":\"Bad Request\",\"detail\":\"not a blob key\"}"))
                .hasMessage("GET http://cp.example:8080/base/runner/v1/blobs/missing answered HTTP 400: not a blob key");
        assertThat(BlobHttp.unexpected(request, 401, "").getMessage()).contains("HTTP 401").contains("token");
        assertThat(BlobHttp.detail("<Error>\n <Code>AccessDenied</Code></Error>".getBytes()))
                .isEqualTo("<Error> <Code>AccessDenied</Code></Error>");
    }

    @Test
    void aDownloadWhoseBytesAreNotItsKeysFailsAtItsEnd() throws Exception {
        String key = BlobKeys.sha256Hex("expected".getBytes());
        try (InputStream good = new VerifiedStream(new ByteArrayInputStream("expected".getBytes()), key)) {
            assertThat(good.readAllBytes()).isEqualTo("expected".getBytes());
        }
        InputStream cut = new VerifiedStream(new ByteArrayInputStream("expec".getBytes()), key);
        assertThatThrownBy(cut::readAllBytes).hasMessageContaining("corrupted or cut short");
        InputStream skipped = new VerifiedStream(new ByteArrayInputStream("Expected".getBytes()), key);
        skipped.skip(3);
        assertThatThrownBy(skipped::readAllBytes).as("skipped bytes count too").hasMessageContaining(key);
    }

    @Test
    void aTransferDescribesItselfForTheBuildLog() {
        Map<Path, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            keys.put(Path.of("f" + i), String.format("%064x", i));
        }
        assertThat(new BlobStore.Transfer(keys, 1, 12 * 1024).describe())
                .isEqualTo("uploaded 1 of 10,000 files (12 KB); 9,999 already stored");
        assertThat(BlobStore.Transfer.size(1536)).isEqualTo("1.5 KB");
        assertThat(BlobStore.Transfer.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GB");
    }

    @Test
    void garbageCollectionIsNotThisStoresBusiness() {
        try (ControlPlaneBlobStore store = new ControlPlaneBlobStore(URI.create("http://127.0.0.1:9"), "t",
                BlobTransfer.RUNNER_PREFIX)) {
            assertThatThrownBy(() -> store.list(null, 10)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("only on the control plane");
            assertThatThrownBy(() -> store.delete("a".repeat(64))).isInstanceOf(UnsupportedOperationException.class);
            assertThat(store.localFile("a".repeat(64))).isEmpty();
            assertThat(store.exists("not a key")).isFalse();
        }
    }
}

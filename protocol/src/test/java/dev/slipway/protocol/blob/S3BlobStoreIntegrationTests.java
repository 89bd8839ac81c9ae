package dev.slipway.protocol.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract against a real S3-compatible server (S3Mock in its own JVM); each test gets its own prefix. */
class S3BlobStoreIntegrationTests extends BlobStoreContractTests {

    private static final String BUCKET = "slipway-blobs";
    private static S3MockServer server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3MockServer.start(BUCKET);
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    BlobStore newStore() {
        return new S3BlobStore(s3, BUCKET, "test-" + UUID.randomUUID());
    }

    @Test
    void blobsAreObjectsUnderThePrefixWithTheFileSystemsFanOutAndPrefixesDoNotMix() throws Exception {
        S3BlobStore site = new S3BlobStore(s3, BUCKET, "tenant-a/blobs");
        S3BlobStore other = new S3BlobStore(s3, BUCKET, "tenant-b");
        String key = site.put("prefixed".getBytes());

        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("tenant-a/blobs/" + key.substring(0, 2) + "/"
                + key.substring(2))).asUtf8String()).isEqualTo("prefixed");
        assertThat(site.localFile(key)).isEmpty();
        assertThat(other.exists(key)).isFalse();
        assertThat(other.list(null, 100).keys()).isEmpty();
        assertThat(site.list(null, 100).keys()).containsExactly(key);
    }

    /** Presigned URLs: the PUT signs length and sha256, so the store itself refuses other bytes; the GET reads. */
    @Test
    void aPresignedUploadStoresOnlyTheKeysBytesAndAPresignedDownloadReadsThem() throws Exception {
        S3BlobStore store = new S3BlobStore(s3, BUCKET, "presigned");
        byte[] bytes = "uploaded without credentials".getBytes();
        String key = sha256(bytes);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        BlobTransfer.Upload wrong = store.presignUpload(key, bytes.length);
        assertThat(wrong.isPresigned()).isTrue();
        assertThat(wrong.url()).startsWith(server.endpoint() + "/" + BUCKET + "/presigned/");
        byte[] forged = "uploaded without credentialZ".getBytes();
        assertThat(http.send(presignedPut(wrong, forged), java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("bytes that are not the key's").isBetween(400, 499);
        assertThat(store.exists(key)).isFalse();

        BlobTransfer.Upload upload = store.presignUpload(key, bytes.length);
        var response = http.send(presignedPut(upload, bytes), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(store.read(key)).isEqualTo(bytes);

        var download = http.send(java.net.http.HttpRequest.newBuilder(store.presignDownload(key)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
    }

    private static java.net.http.HttpRequest presignedPut(BlobTransfer.Upload upload, byte[] body) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(upload.url()));
        upload.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length")) {
                request.header(name, value);
            }
        });
        return request.method(upload.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** What the apps build from SLIPWAY_BLOB_STORE: path-style endpoint, credentials from the SDK's default chain. */
    @Test
    void theSettingBuildsAStoreOnTheEndpointWithTheDefaultCredentialChain() throws Exception {
        System.setProperty("aws.accessKeyId", "from-the-chain");
        System.setProperty("aws.secretAccessKey", "chain-secret");
        try (S3BlobStore fromSetting = (S3BlobStore) BlobStores.fromSetting("s3://" + BUCKET + "/configured/",
                temp, server.endpoint(), "")) {
            String key = fromSetting.put("configured".getBytes());
            assertThat(s3.headObject(b -> b.bucket(BUCKET).key("configured/" + key.substring(0, 2) + "/"
                    + key.substring(2))).contentLength()).isEqualTo(10);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}

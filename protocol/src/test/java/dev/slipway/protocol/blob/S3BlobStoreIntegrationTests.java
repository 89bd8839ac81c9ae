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

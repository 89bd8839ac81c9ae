package dev.slipway.protocol.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class FileSystemBlobStoreContractTests extends BlobStoreContractTests {

    @Override
    BlobStore newStore() throws Exception {
        return new FileSystemBlobStore(temp.resolve("blobs"));
    }

    @Test
    void blobsAreFilesUnderTheFanOutThatServersSendWithZeroCopy() throws Exception {
        String key = blobs.put("local".getBytes());
        assertThat(blobs.localFile(key)).contains(temp.resolve("blobs").resolve(key.substring(0, 2))
                .resolve(key.substring(2)).toAbsolutePath());
        assertThat(Files.readString(blobs.localFile(key).orElseThrow())).isEqualTo("local");
    }
}

package dev.slipway.protocol.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoresTests {

    @TempDir
    Path temp;

    @Test
    void noSettingMeansTheAppsOwnDirectoryAsToday() throws Exception {
        BlobStore blobs = BlobStores.fromSetting("", temp.resolve("default"), null, null);
        assertThat(((FileSystemBlobStore) blobs).root()).isEqualTo(temp.resolve("default").toAbsolutePath());
        assertThat(BlobStores.fromSetting(null, temp.resolve("default"), null, null))
                .isInstanceOf(FileSystemBlobStore.class);
    }

    @Test
    void aFileSettingNamesTheDirectory() throws Exception {
        BlobStore blobs = BlobStores.fromSetting("file:" + temp.resolve("elsewhere"), temp.resolve("default"), "", "");
        assertThat(((FileSystemBlobStore) blobs).root()).isEqualTo(temp.resolve("elsewhere").toAbsolutePath());
        BlobStore uri = BlobStores.fromSetting(temp.resolve("as-uri").toUri().toString(), temp, "", "");
        assertThat(((FileSystemBlobStore) uri).root()).isEqualTo(temp.resolve("as-uri").toAbsolutePath());
    }

    @Test
    void anythingElseIsRefusedAtStartRatherThanStoringSomewhereUnexpected() {
        assertThatThrownBy(() -> BlobStores.fromSetting("/var/blobs", temp, "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file:<dir>");
        assertThatThrownBy(() -> BlobStores.fromSetting("s3:///prefix", temp, "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no bucket");
    }
}

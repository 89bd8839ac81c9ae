package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteZipTests {

    @TempDir
    Path folder;

    @Test
    void zipsRegularFilesByTheirPathAndLeavesOutLinks() throws IOException {
        Files.writeString(folder.resolve("index.html"), "<h1>hi</h1>");
        Files.createDirectories(folder.resolve("assets/js"));
        Files.writeString(folder.resolve("assets/js/app.js"), "run()");
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret.txt"), "no");
        Files.createSymbolicLink(folder.resolve("linked"), outside);
        Files.createSymbolicLink(folder.resolve("alias.html"), folder.resolve("index.html"));

        SiteZip.Zipped zipped = SiteZip.of(folder);
        try (ZipFile zip = new ZipFile(zipped.file().toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().map(ZipEntry::getName).forEach(names::add);
            assertThat(names).containsExactly("assets/js/app.js", "index.html");
            assertThat(new String(zip.getInputStream(zip.getEntry("index.html")).readAllBytes())).isEqualTo("<h1>hi</h1>");
        }
        assertThat(zipped.files()).isEqualTo(2);
        assertThat(zipped.skippedLinks()).isEqualTo(2);
        Files.delete(zipped.file());
    }

    @Test
    void anEmptyFolderIsRefused() {
        assertThatThrownBy(() -> SiteZip.of(folder)).isInstanceOf(UsageException.class).hasMessageContaining("no files");
    }
}

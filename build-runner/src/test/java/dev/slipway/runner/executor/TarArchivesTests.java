package dev.slipway.runner.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchivesTests {

    @TempDir
    Path temp;

    @Test
    void unsafeEntriesAreSkippedAndSafeOnesExtracted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = TarArchives.newOutput(bytes)) {
            TarArchives.addFile(tar, "dist/index.html", "ok".getBytes(StandardCharsets.UTF_8), 0644);
            TarArchives.addFile(tar, "dist/../evil", "x".getBytes(StandardCharsets.UTF_8), 0644);
            TarArchiveEntry absolute = new TarArchiveEntry("/etc/evil-absolute", true);
            absolute.setSize(1);
            tar.putArchiveEntry(absolute);
            tar.write('x');
            tar.closeArchiveEntry();
            link(tar, "dist/etc", "/etc");
            link(tar, "dist/up", "../../..");
            link(tar, "dist/self.html", "index.html");
            TarArchives.addFile(tar, "dist/etc/evil-through-link", "x".getBytes(StandardCharsets.UTF_8), 0644);
            TarArchiveEntry hard = new TarArchiveEntry("dist/shadow", TarArchiveEntry.LF_LINK);
            hard.setLinkName("/etc/shadow");
            tar.putArchiveEntry(hard);
            tar.closeArchiveEntry();
            tar.finish();
        }
        Path dest = temp.resolve("out");

        TarArchives.Extracted result = TarArchives.extract(new ByteArrayInputStream(bytes.toByteArray()), dest, true);

        assertThat(Files.readString(dest.resolve("index.html"))).isEqualTo("ok");
        assertThat(Files.isSymbolicLink(dest.resolve("self.html"))).isTrue();
        assertThat(Files.isSymbolicLink(dest.resolve("etc"))).isFalse();
        assertThat(Files.exists(dest.resolve("up"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(dest.resolve("shadow")).doesNotExist();
        assertThat(temp.resolve("evil")).doesNotExist();
        assertThat(Path.of("/etc/evil-absolute")).doesNotExist();
        assertThat(Path.of("/etc/evil-through-link")).doesNotExist();
        assertThat(result.skipped()).containsExactlyInAnyOrder("dist/../evil", "/etc/evil-absolute", "dist/etc",
                "dist/up", "dist/shadow");
        assertThat(dest.resolve("etc/evil-through-link")).isRegularFile();
        assertThat(result.files()).isEqualTo(2);
    }

    @Test
    void directoriesRoundTripWithModes() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src/a"));
        Files.writeString(src.resolve("run.sh"), "#!/bin/sh\n");
        src.resolve("run.sh").toFile().setExecutable(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = TarArchives.newOutput(bytes)) {
            TarArchives.addDirectory(tar, temp.resolve("src"), "workspace");
            tar.finish();
        }
        Path dest = temp.resolve("dest");
        TarArchives.extract(new ByteArrayInputStream(bytes.toByteArray()), dest, true);
        assertThat(Files.isExecutable(dest.resolve("a/run.sh"))).isTrue();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target) throws Exception {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}

package dev.slipway.runner.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.slipway.protocol.artifact.DeploymentManifest;
import dev.slipway.protocol.blob.FileSystemBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCollectorTests {

    @TempDir
    Path temp;

    @Test
    void storesSelectedFilesAndManifestAndNeverFollowsLinksOut() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        Path dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "<h1>hi</h1>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app.js"), "console.log(1)");
        Files.writeString(temp.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(dist.resolve("leak.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(dist.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dist.resolve("alias.html"), Path.of("index.html"));

        ArtifactCollector.Collected collected = new ArtifactCollector(blobs).collect(dist, List.of("**/*"), false);

        DeploymentManifest manifest = DeploymentManifest.fromJson(blobs.read(collected.upload().manifestHash()));
        assertThat(manifest.files()).containsOnlyKeys("index.html", "assets/app.js", "alias.html");
        assertThat(manifest.files().get("index.html").contentType()).startsWith("text/html");
        assertThat(new String(blobs.read(manifest.files().get("index.html").hash()))).isEqualTo("<h1>hi</h1>");
        assertThat(collected.upload().fileCount()).isEqualTo(3);
        assertThat(collected.upload().totalBytes()).isEqualTo(11 + 14 + 11);
        assertThat(collected.notes()).hasSize(2);
    }

    @Test
    void discardPathsFlattensAndGlobsSelect() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        Path out = Files.createDirectories(temp.resolve("out/a/b"));
        Files.writeString(out.resolve("deep.css"), "x");
        Files.writeString(temp.resolve("out/readme.md"), "y");
        ArtifactCollector.Collected collected = new ArtifactCollector(blobs)
                .collect(temp.resolve("out"), List.of("**/*.css"), true);
        assertThat(collected.manifest().files()).containsOnlyKeys("deep.css");
    }

    @Test
    void missingDirectoryGivesNoFiles() throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(temp.resolve("blobs"));
        assertThat(new ArtifactCollector(blobs).collect(temp.resolve("nope"), List.of("**/*"), false).upload().fileCount())
                .isZero();
    }
}

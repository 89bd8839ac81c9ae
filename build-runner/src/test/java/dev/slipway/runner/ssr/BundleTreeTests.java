package dev.slipway.runner.ssr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTreeTests {

    @TempDir
    Path temp;

    @Test
    void followsLinksThatStayInsideAndSkipsTheRest() throws Exception {
        Path bundle = Files.createDirectories(temp.resolve("bundle"));
        Path pkg = Files.createDirectories(bundle.resolve("node_modules/.pnpm/react@19/node_modules/react"));
        Files.writeString(pkg.resolve("index.js"), "module.exports = 1");
        Files.writeString(bundle.resolve("server.js"), "require('react')");
        // pnpm's layout: the package name is a relative link into the store
        Files.createSymbolicLink(bundle.resolve("node_modules/react"), Path.of(".pnpm/react@19/node_modules/react"));
        Files.writeString(temp.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(bundle.resolve("leak.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(bundle.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(bundle.resolve("dangling.js"), bundle.resolve("nope.js"));
        Files.createSymbolicLink(pkg.resolve("loop"), bundle.resolve("node_modules"));

        BundleTree.Listing listing = BundleTree.list(bundle, bundle, "compute/default");

        assertThat(listing.files()).containsOnlyKeys("server.js", "node_modules/react/index.js",
                "node_modules/.pnpm/react@19/node_modules/react/index.js");
        assertThat(listing.files().get("node_modules/react/index.js")).isEqualTo(pkg.resolve("index.js").toRealPath());
        assertThat(listing.notes()).containsExactlyInAnyOrder(
                "skipped compute/default/dangling.js: a link to nothing",
                "skipped compute/default/etc: a link pointing outside the build output",
                "skipped compute/default/leak.txt: a link pointing outside the build output",
                "skipped compute/default/node_modules/.pnpm/react@19/node_modules/react/loop: a link back to a "
                        + "directory above it",
                "skipped compute/default/node_modules/react/loop: a link back to a directory above it");
        assertThat(listing.totalBytes()).isEqualTo(16 + 2 * 18);
    }

    @Test
    void aMissingDirectoryIsEmpty() throws Exception {
        assertThat(BundleTree.list(temp.resolve("none"), temp, "static").files()).isEmpty();
    }
}

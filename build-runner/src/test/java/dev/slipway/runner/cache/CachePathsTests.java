package dev.slipway.runner.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CachePathsTests {

    @Test
    void globAndPlainFormsWithExclusions() {
        CachePaths paths = CachePaths.of(List.of("node_modules/**/*", ".npm/**", "vendor", "!node_modules/big/**"));
        assertThat(paths.bases()).containsExactly("node_modules", ".npm", "vendor");
        assertThat(paths.matches("node_modules/vite/package.json")).isTrue();
        assertThat(paths.matches(".npm/_cacache/index")).isTrue();
        assertThat(paths.matches("vendor/lib/a.rb")).isTrue();
        assertThat(paths.matches("node_modules/big/blob.bin")).isFalse();
        assertThat(paths.matches("node_modules/.cache/babel/x.json")).as("always excluded").isFalse();
        assertThat(paths.matches("src/index.js")).isFalse();
    }

    @Test
    void absoluteHomeAndEscapingPathsAreSilentlySkipped() {
        CachePaths paths = CachePaths.of(List.of("/usr/lib/node_modules/**/*", "~/.npm/**/*", "../outside/**/*",
                "a/../../b"));
        assertThat(paths.isEmpty()).isTrue();
        CachePaths nested = CachePaths.of(List.of("packages/*/node_modules/**/*", "packages/app/node_modules"));
        assertThat(nested.bases()).containsExactly("packages");
        assertThat(nested.matches("packages/web/node_modules/x/index.js")).isTrue();
        assertThat(nested.matches("packages/web/src/index.js")).isFalse();
    }
}

package dev.slipway.protocol.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobMatcherTests {

    @Test
    void doubleStarSlashStarMatchesEverything() {
        GlobMatcher all = GlobMatcher.of(List.of("**/*"));
        assertThat(all.matches("index.html")).isTrue();
        assertThat(all.matches("assets/js/app.js")).isTrue();
        assertThat(all.matches(".hidden")).isTrue();
    }

    @Test
    void singleStarStaysInOneSegment() {
        GlobMatcher html = GlobMatcher.of(List.of("*.html"));
        assertThat(html.matches("index.html")).isTrue();
        assertThat(html.matches("docs/index.html")).isFalse();
        assertThat(GlobMatcher.of(List.of("assets/*")).matches("assets/a.css")).isTrue();
        assertThat(GlobMatcher.of(List.of("assets/*")).matches("assets/img/a.png")).isFalse();
    }

    @Test
    void doubleStarInTheMiddleAndQuestionMark() {
        GlobMatcher png = GlobMatcher.of(List.of("results/**/*.png"));
        assertThat(png.matches("results/a.png")).isTrue();
        assertThat(png.matches("results/x/y/a.png")).isTrue();
        assertThat(png.matches("other/a.png")).isFalse();
        GlobMatcher q = GlobMatcher.of(List.of("v?.txt"));
        assertThat(q.matches("v1.txt")).isTrue();
        assertThat(q.matches("v10.txt")).isFalse();
        assertThat(q.matches("v/.txt")).isFalse();
    }

    @Test
    void literalCharactersAreNotRegex() {
        assertThat(GlobMatcher.of(List.of("a+b(1).js")).matches("a+b(1).js")).isTrue();
        assertThat(GlobMatcher.of(List.of("a.js")).matches("abjs")).isFalse();
        assertThat(GlobMatcher.of(List.of("./dist/**")).matches("dist/x/y")).isTrue();
    }

    @Test
    void severalGlobsAreAlternatives() {
        GlobMatcher m = GlobMatcher.of(List.of("*.html", "static/**/*"));
        assertThat(m.matches("index.html")).isTrue();
        assertThat(m.matches("static/css/a.css")).isTrue();
        assertThat(m.matches("src/a.ts")).isFalse();
    }

    @Test
    void branchPatternsStarStaysInOneSegmentDoubleStarCrossesSlashes() {
        assertThat(GlobMatcher.branchPattern("*").matcher("main").matches()).isTrue();
        assertThat(GlobMatcher.branchPattern("*").matcher("feature/x").matches()).isFalse();
        assertThat(GlobMatcher.branchPattern("**").matcher("feature/x/y").matches()).isTrue();
        assertThat(GlobMatcher.branchPattern("feature/*").matcher("feature/login").matches()).isTrue();
        assertThat(GlobMatcher.branchPattern("feature/*").matcher("feature/a/b").matches()).isFalse();
        assertThat(GlobMatcher.branchPattern("feature/**").matcher("feature/a/b").matches()).isTrue();
        assertThat(GlobMatcher.branchPattern("release*").matcher("release-1.2").matches()).isTrue();
        assertThat(GlobMatcher.branchPattern("release*").matcher("hotfix").matches()).isFalse();
        assertThat(GlobMatcher.branchPattern("v1.(x)").matcher("v1.(x)").matches()).as("regex characters are literal").isTrue();
        assertThat(GlobMatcher.branchPattern("v1.x").matcher("v1-x").matches()).isFalse();
    }

    @Test
    void branchPatternsNeedADirectoryForDoubleStarSlashAndTakeQuestionMarksLiterally() {
        assertThat(GlobMatcher.branchPattern("feature/**/x").matcher("feature/x").matches()).isFalse();
        assertThat(GlobMatcher.branchPattern("feature/**/x").matcher("feature/a/x").matches()).isTrue();
        assertThat(GlobMatcher.branchPattern("v?").matcher("v1").matches()).isFalse();
    }
}

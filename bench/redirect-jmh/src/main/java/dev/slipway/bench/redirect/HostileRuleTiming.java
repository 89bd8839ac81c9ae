package dev.slipway.bench.redirect;

import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import dev.slipway.protocol.redirect.RuleRequest;
import java.util.Collections;
import java.util.List;

/**
 * Time of one rule lookup on hostile sources (issue 16 M2), for crafted paths of growing length: the first lookup
 * (cold code) and the fastest of 20 more (warmed up). Not a JMH benchmark: on a backtracking engine one lookup takes
 * seconds, which is the figure to report. Stops growing the path once a lookup takes over 5 s.
 */
public final class HostileRuleTiming {

    private static final String[] SOURCES = {
        "</(.*a){12}$/>",          // nested quantifiers: exponential backtracking in java.util.regex
        "</(?=/)(.*a){12}$/>",     // the same with a lookahead, which a linear-time engine cannot run
        "/<a>a<b>a<c>a<d>a<e>a<f>a<g>a<h>a<i>a<j>a<k>a<l>b", // placeholders in one segment: polynomial backtracking
    };

    /** Up to the longest request line Reactor Netty accepts by default (4096). */
    private static final int[] LENGTHS = {16, 24, 28, 32, 256, 4000};

    private HostileRuleTiming() {
    }

    private static long time(RedirectRules rules, String path) {
        long start = System.nanoTime();
        rules.find(RuleRequest.of("h", path, ""));
        return System.nanoTime() - start;
    }

    public static void main(String[] args) {
        for (String source : SOURCES) {
            time(source, RedirectRules.compile(List.of(CustomRule.of(source, "/x", "301"))));
        }
        // a bound per rule is not enough: an app may hold two thousand of them
        time("200 x " + SOURCES[0], RedirectRules.compile(
                Collections.nCopies(200, CustomRule.of(SOURCES[0], "/x", "301"))));
    }

    private static void time(String source, RedirectRules rules) {
        if (!rules.problems().isEmpty()) {
            System.out.printf("%-50s refused: %s%n", source, rules.problems().getFirst().reason());
            return;
        }
        for (int length : LENGTHS) {
            String path = "/" + "a".repeat(length) + "!";
            long first = time(rules, path);
            long warm = first;
            for (int i = 0; i < 20 && first < 1_000_000_000L; i++) {
                warm = Math.min(warm, time(rules, path));
            }
            System.out.printf("%-50s path of %4d characters: first lookup %9.3f ms, warmed up %8.3f ms%n", source,
                    length + 2, first / 1e6, warm / 1e6);
            if (first > 5_000_000_000L) {
                return;
            }
        }
    }
}

package dev.slipway.bench.redirect;

import dev.slipway.protocol.redirect.CustomRule;
import dev.slipway.protocol.redirect.RedirectRules;
import dev.slipway.protocol.redirect.RuleMatch;
import dev.slipway.protocol.redirect.RuleRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rule lookups per second on the 2,086-rule Amplify docs list (issue 4: at least 200k per core). The request mix is
 * realistic for a docs site: half the paths hit a rule (every source of the file, placeholders filled in), half are
 * ordinary pages that match nothing and fall through to the 404-200 check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedirectLookupBenchmark {

    private RedirectRules rules;
    private RuleRequest[] requests;
    private int next;

    @Setup
    public void load() throws IOException {
        Path file = Path.of(System.getProperty("slipway.redirects",
                "../../../shared/fixtures/redirects/aws-amplify__docs__redirects.json"));
        List<CustomRule> list = JsonMapper.builder().build()
                .readValue(Files.readString(file), new TypeReference<List<CustomRule>>() { });
        rules = RedirectRules.compile(list);
        List<RuleRequest> mix = new ArrayList<>();
        for (CustomRule rule : list) {
            String source = rule.source().replace("<*>", "a/b").replaceAll("<[^>/]+>", "react");
            int question = source.indexOf('?');
            String path = question < 0 ? source : source.substring(0, question);
            mix.add(RuleRequest.of("main.app.localhost", path, question < 0 ? "" : source.substring(question + 1)));
            mix.add(RuleRequest.of("main.app.localhost", "/react/start/page-" + mix.size() + "/", "utm=1"));
        }
        requests = mix.toArray(RuleRequest[]::new);
    }

    /** One request through the edge's rule step: the 200/301/302 rules, then the not-found fallbacks on a miss. */
    @Benchmark
    public RuleMatch lookup() {
        RuleRequest request = requests[next++ % requests.length];
        RuleMatch match = rules.find(request);
        return match != null ? match : rules.notFoundFallback(request);
    }
}

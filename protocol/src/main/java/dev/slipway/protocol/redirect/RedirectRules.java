package dev.slipway.protocol.redirect;

import java.util.ArrayList;
import java.util.List;

/**
 * An app's {@code customRules}, compiled once per route snapshot (amplify-hosting-reference.md §3).
 *
 * <p>Evaluation (§18 step 4): {@link #find} returns the first rule from the top that applies now (200, 301, 302);
 * {@link #notFoundFallback} the first 404 / 404-200 rule, which the caller applies only when no file matches the
 * request. The two are separate lists in the original order, so a 404-200 catch-all placed above a redirect does not
 * hide it: Amplify documents 404 rules as "remembered" fallbacks, not as answers.
 *
 * <p>Placeholders: {@code <name>} captures one non-empty path segment, {@code <*>} (only at the end) the rest of the
 * path, possibly empty. Regex sources are found anywhere in the decoded path, without the query. A {@code condition}
 * ({@code <US>}) is accepted and applied only when the request's country is known, which a self-hosted edge does not
 * know, so it is ignored there. A source without a leading {@code /} is read as if it had one.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedirectRules {

    public static final RedirectRules NONE = compile(List.of());

    private final RuleIndex rules;
    private final RuleIndex fallbacks;
    private final List<RuleProblem> problems;
    private final boolean mayProxy;

    private RedirectRules(RuleIndex rules, RuleIndex fallbacks, List<RuleProblem> problems, boolean mayProxy) {
        this.rules = rules;
        this.fallbacks = fallbacks;
        this.problems = problems;
        this.mayProxy = mayProxy;
    }

    /** Compiles the valid rules and skips the others; {@link #problems()} lists what was skipped and why. */
    public static RedirectRules compile(List<CustomRule> customRules) {
        List<CompiledRule> now = new ArrayList<>();
        List<CompiledRule> later = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        boolean mayProxy = false;
        List<CustomRule> list = customRules == null ? List.of() : customRules;
        for (int i = 0; i < list.size(); i++) {
            try {
                CompiledRule rule = SourceParser.compile(i, list.get(i));
                (rule.status.isNotFoundFallback() ? later : now).add(rule);
                mayProxy |= rule.proxy;
            } catch (SourceParser.InvalidRule e) {
                problems.add(new RuleProblem(i, e.getMessage(), e.ignored));
            }
        }
        return new RedirectRules(new RuleIndex(now), new RuleIndex(later), List.copyOf(problems), mayProxy);
    }

    /** Every problem of the list: errors (reject the list) and ignored rules (accept, with a warning). */
    public static List<RuleProblem> validate(List<CustomRule> customRules) {
        return compile(customRules).problems();
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    /** @return the first 200/301/302 rule that applies, or null */
    public RuleMatch find(RuleRequest request) {
        return rules.first(request);
    }

    /** @return the first 404/404-200 rule that applies, or null; use it only when no file matches */
    public RuleMatch notFoundFallback(RuleRequest request) {
        return fallbacks.first(request);
    }

    /** Whether some 200 rule rewrites to another origin; when false, no request needs the reverse proxy. */
    public boolean mayProxy() {
        return mayProxy;
    }

    public boolean isEmpty() {
        return rules.size() == 0 && fallbacks.size() == 0;
    }
}

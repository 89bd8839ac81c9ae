package dev.slipway.protocol.redirect;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expression of a {@code </regex/>} or partial-segment source. Rules are matched on the edge's event loop,
 * so a lookup must take time linear in the path, whatever the rule (issue 16 M2: {@code (.*a){12}$} took 8 s on a
 * 30-character path with java.util.regex). Sources therefore compile with RE2/J, which never backtracks.
 *
 * <p>One exception: lookaround. RE2 cannot run it, and Amplify's documented standard SPA rule needs it
 * ({@code \.(?!(css|gif|…)$)}), so refusing it would break the most common rule of migrated apps. A source that RE2
 * refuses only for lookaround runs on java.util.regex, counting every character it reads against the lookup's
 * {@link ReadBudget}. Everything else RE2 refuses (backreferences, possessive quantifiers, atomic groups) is refused
 * when the rule is saved. RE2 is linear per rule, but a list may hold many rules: RE2 rules pay the same budget.
 *
 * <p>Immutable and thread-safe.
 */
abstract sealed class RuleRegex permits RuleRegex.Linear, RuleRegex.Budgeted {

    /** What {@link #matchGroups} answers for "matched" when the caller wants no groups. */
    static final String[] NO_GROUPS = new String[0];

    private static final Pattern LOOKAROUND = Pattern.compile("\\(\\?<?[=!]");
    private static final Pattern BACKREFERENCE = Pattern.compile("\\\\([1-9]|k<)");

    /** @param regex a user's regex source, without the {@code </ />} */
    static RuleRegex compile(String regex) throws SourceParser.InvalidRule {
        try {
            return new Linear(com.google.re2j.Pattern.compile(regex));
        } catch (com.google.re2j.PatternSyntaxException refused) {
            if (!usesLookaround(regex) || BACKREFERENCE.matcher(regex).find()) {
                throw new SourceParser.InvalidRule("source regex is not supported: " + refused.getDescription()
                        + " '" + refused.getPattern() + "'; Slipway runs rules with a linear-time engine (RE2), "
                        + "without backreferences, possessive quantifiers or atomic groups", false);
            }
            return budgeted(regex);
        }
    }

    /** A regex that {@link SourceParser} generated from a path pattern: always RE2. */
    static RuleRegex linear(String re2) {
        return new Linear(com.google.re2j.Pattern.compile(re2));
    }

    static String quote(String literal) {
        return com.google.re2j.Pattern.quote(literal);
    }

    /**
     * @param anywhere true for {@code find} (a {@code </regex/>} source, JavaScript {@code test} semantics), false for
     *                 a match of the whole path
     * @param groups   how many capture groups the caller wants
     * @param budget   the lookup's regex budget; null only outside a lookup (tests)
     * @return groups 1..{@code groups} (null for a group that took no part), {@link #NO_GROUPS} when none are wanted,
     *         or null when the regex does not match
     */
    abstract String[] matchGroups(String path, boolean anywhere, int groups, ReadBudget budget);

    private static boolean usesLookaround(String regex) {
        return LOOKAROUND.matcher(regex).find();
    }

    private static RuleRegex budgeted(String regex) throws SourceParser.InvalidRule {
        try {
            return new Budgeted(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new SourceParser.InvalidRule("source regex is invalid: " + e.getDescription(), false);
        }
    }

    static final class Linear extends RuleRegex {
        private final com.google.re2j.Pattern pattern;

        private Linear(com.google.re2j.Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        String[] matchGroups(String path, boolean anywhere, int groups, ReadBudget budget) {
            if (budget != null && !budget.charge((long) pattern.programSize() * (path.length() + 1))) {
                return null;
            }
            com.google.re2j.Matcher matcher = pattern.matcher(path);
            if (anywhere ? !matcher.find() : !matcher.matches()) {
                return null;
            }
            return groups(groups, matcher.groupCount(), matcher::group);
        }
    }

    static final class Budgeted extends RuleRegex {
        private final Pattern pattern;

        private Budgeted(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        String[] matchGroups(String path, boolean anywhere, int groups, ReadBudget budget) {
            if (budget == null || budget.spent()) {
                return null;
            }
            java.util.regex.Matcher matcher = pattern.matcher(budget.over(path));
            try {
                if (anywhere ? !matcher.find() : !matcher.matches()) {
                    return null;
                }
            } catch (ReadBudget.Spent spent) {
                return null;
            }
            return groups(groups, matcher.groupCount(), matcher::group);
        }
    }

    private static String[] groups(int wanted, int available, java.util.function.IntFunction<String> group) {
        if (wanted == 0) {
            return NO_GROUPS;
        }
        String[] values = new String[Math.min(wanted, available)];
        for (int i = 0; i < values.length; i++) {
            values[i] = group.apply(i + 1);
        }
        return values;
    }
}

package dev.slipway.protocol.redirect;

/**
 * The regex work one lookup may still do, so that its time is bounded whatever the number of rules and the path
 * (issue 16 M2). java.util.regex ({@link RuleRegex.Budgeted}) reads its input only through
 * {@link CharSequence#charAt}, and backtracking re-reads it, so it pays one unit per read. RE2 ({@link RuleRegex.Linear})
 * pays up front what its NFA can do at most: program size times path length. Once spent, the lookup's remaining regex
 * rules do not match. {@link #PER_LOOKUP} takes 2 to 5 ms to spend on a 2-core test machine; real rules on real paths use a
 * tiny part of it (the standard SPA rule reads about three times the path; a 50-instruction regex on a 200-character
 * path costs 10,000).
 *
 * <p>One instance per lookup, used by one thread.
 */
final class ReadBudget {

    static final int PER_LOOKUP = 300_000;

    /** Thrown out of java.util.regex when the budget is spent; shared, as it carries no stack trace. */
    static final class Spent extends RuntimeException {
        private static final Spent INSTANCE = new Spent();

        private Spent() {
            super("regex read budget spent", null, false, false);
        }
    }

    private int left;

    ReadBudget(int reads) {
        this.left = reads;
    }

    boolean spent() {
        return left <= 0;
    }

    /** @return whether {@code units} were left, now spent; when not, the budget is spent entirely */
    boolean charge(long units) {
        if (units > left) {
            left = 0;
            return false;
        }
        left -= (int) units;
        return true;
    }

    /** The path as java.util.regex sees it: every character read costs one unit of this budget. */
    CharSequence over(String path) {
        return new Counted(path);
    }

    private final class Counted implements CharSequence {
        private final String text;

        Counted(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw Spent.INSTANCE;
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        /** Only used to extract groups after a match: not counted. */
        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

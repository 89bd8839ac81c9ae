package dev.slipway.protocol.redirect;

/**
 * Something wrong with one rule of a list.
 *
 * @param index   0-based position of the rule in the list
 * @param reason  what is wrong, without the rule's position
 * @param ignored true when Amplify accepts the rule but never applies it (a {@code <*>} that is not at the end, an
 *                origin source with a path): a warning; false when the rule must be rejected: an error
 */
public record RuleProblem(int index, String reason, boolean ignored) {

    /** {@code rule 3: <reason>}. */
    public String message() {
        return "rule " + index + ": " + reason;
    }


    public boolean isError() {
        return !ignored;
    }
}

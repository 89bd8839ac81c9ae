package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.support.Refusal;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A console form's change: a refusal the person can fix (400, 409) comes back next to the form as a flash
 * attribute; anything else (a missing app) goes to the error page. Shared so every form answers the same way.
 */
final class FormAttempts {

    private FormAttempts() {
    }

    /** Applies {@code change}; on a fixable refusal puts its reason in {@code errorField}. Returns whether it was made. */
    static boolean attempt(RedirectAttributes redirect, String errorField, Runnable change) {
        String refused = refusal(change);
        if (refused == null) {
            redirect.addFlashAttribute("saved", true);
            return true;
        }
        redirect.addFlashAttribute(errorField, refused);
        return false;
    }

    /** Applies {@code change}; returns why it was refused when the person can fix it, or null when it was made. */
    static String refusal(Runnable change) {
        try {
            change.run();
            return null;
        } catch (Refusal e) {
            if (!e.fixable()) {
                throw e;
            }
            return e.getMessage();
        }
    }
}

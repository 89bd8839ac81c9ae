package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.support.ApiException;
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
        try {
            change.run();
            redirect.addFlashAttribute("saved", true);
            return true;
        } catch (ApiException e) {
            if (!fixable(e)) {
                throw e;
            }
            redirect.addFlashAttribute(errorField, e.getMessage());
            return false;
        }
    }

    /** A bad value or a clash with what exists: the same form, corrected, can succeed. */
    static boolean fixable(ApiException e) {
        return e.status().value() == 400 || e.status().value() == 409;
    }
}

package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.RefusalStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Console pages show a refused action as a page a person can read, not as problem+json. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(Refusal.class)
    String refused(Refusal e, Model model, HttpServletResponse response) {
        int status = RefusalStatus.of(e).value();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", e.getMessage());
        return "error-page";
    }
}

package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.support.ApiException;
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

    @ExceptionHandler(ApiException.class)
    String refused(ApiException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("message", e.getMessage());
        return "error-page";
    }
}

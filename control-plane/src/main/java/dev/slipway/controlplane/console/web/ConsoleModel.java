package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.CurrentCaller;
import dev.slipway.controlplane.identity.Me;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every console page knows who is looking ({@code me}), so templates show only the actions the member's role allows;
 * the server refuses the others anyway (RoleCheck).
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final CurrentCaller callers;

    ConsoleModel(CurrentCaller callers) {
        this.callers = callers;
    }

    @ModelAttribute("me")
    Me me(HttpServletRequest request) {
        return callers.of(request).orElse(null);
    }
}

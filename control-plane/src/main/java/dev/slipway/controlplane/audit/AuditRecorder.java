package dev.slipway.controlplane.audit;

import dev.slipway.controlplane.identity.CurrentCaller;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.RoleCheck;
import dev.slipway.controlplane.identity.RoleExempt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records every change request a team member makes, through the API or the console, refused ones included. Done
 * once here for all endpoints rather than in each service, so a new endpoint is audited without anyone remembering
 * to. Request bodies are never recorded (they may hold secrets).
 */
@Configuration(proxyBeanMethods = false)
class AuditRecorder implements HandlerInterceptor, WebMvcConfigurer {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuditLog log;
    private final CurrentCaller callers;

    AuditRecorder(AuditLog log, CurrentCaller callers) {
        this.log = log;
        this.callers = callers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // before RoleCheck, so refused attempts reach afterCompletion too
        registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (READS.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)
                || !RoleCheck.isSlipways(method) || RoleCheck.find(method, RequiresRole.class) == null
                || RoleCheck.find(method, RoleExempt.class) != null) {
            return;
        }
        callers.of(request).ifPresent(me -> log.record(me.actor(), me.token() != null ? "API" : "CONSOLE",
                request.getMethod() + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
                request.getRequestURI(), response.getStatus(), request.getRemoteAddr()));
    }
}

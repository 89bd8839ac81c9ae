package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.support.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Annotation;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces {@link RequiresRole} on every Slipway endpoint, API and console alike, and refuses endpoints that declare
 * no rule at all: a forgotten annotation closes an endpoint instead of opening it. The refusal is an
 * {@link Refusal}, so the API answers problem+json and the console a page (ConsoleErrors).
 */
@Configuration(proxyBeanMethods = false)
public class RoleCheck implements HandlerInterceptor, WebMvcConfigurer {

    private final CurrentCaller callers;

    RoleCheck(CurrentCaller callers) {
        this.callers = callers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    /** Handler methods may take the calling member as a {@link Me} parameter (the role check has run by then). */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Me.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                    NativeWebRequest request, WebDataBinderFactory binders) {
                return callers.of(request.getNativeRequest(HttpServletRequest.class)).orElseThrow(
                        () -> Refusal.forbidden("This needs a signed-in member."));
            }
        });
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isSlipways(method)
                || find(method, RoleExempt.class) != null) {
            return true;
        }
        RequiresRole rule = find(method, RequiresRole.class);
        if (rule == null) {
            throw Refusal.forbidden("This endpoint declares no access rule, so nobody may call it.");
        }
        if (!callers.of(request).map(me -> me.role().includes(rule.value())).orElse(false)) {
            throw Refusal.forbidden("This needs the " + rule.value().label().toLowerCase() + " role or higher in the team.");
        }
        return true;
    }

    /** Framework endpoints (the error page) are not team endpoints; everything Slipway maps is. */
    public static boolean isSlipways(HandlerMethod method) {
        return method.getBeanType().getPackageName().startsWith("dev.slipway.");
    }

    public static <A extends Annotation> A find(HandlerMethod method, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }
}

package dev.slipway.controlplane;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint Slipway maps, as {@code "METHOD /pattern"}, read from the running control plane's handler mapping. */
final class MappedEndpoints {

    /** A path variable, {@code {name}} or the rest-of-path {@code {*name}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?(\\w+)}");

    private MappedEndpoints() {
    }

    /** Slipway's endpoints (framework ones such as the error page left out); a mapping without methods counts as GET. */
    static List<String> of(RequestMappingHandlerMapping mappings) {
        Set<String> endpoints = new LinkedHashSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("dev.slipway.")) {
                continue;
            }
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add("GET " + pattern);
                }
                methods.forEach(method -> endpoints.add(method.name() + " " + pattern));
            }
        }
        return new ArrayList<>(endpoints);
    }

    /**
     * The pattern with a harmless value in each variable (most resources do not exist, which is fine): {@code main}
     * for a branch, {@code number} for numeric ids, {@code other} for anything else.
     */
    static String concrete(String pattern, String number, String other) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "branchName" -> "main";
                case "jobId", "tokenId", "invitationId" -> number;
                case "provider" -> "github";
                default -> other;
            };
            matcher.appendReplacement(path, value);
        }
        return matcher.appendTail(path).toString();
    }
}

package dev.slipway.controlplane.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public API's OpenAPI 3.1 document ({@code /v3/api-docs}, rendered at {@code /api-docs}). Every operation lists
 * the refusals every endpoint can give as RFC 9457 problem documents (support.RefusalStatus maps each refusal kind
 * to one of these statuses), besides what springdoc reads from the controllers; operation ids are
 * {@code <controller>.<method>}, the same on every run, so the committed document can be compared byte for byte.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** Status → when the API answers it; the same for every operation because the checks are shared. */
    private static final Map<String, String> REFUSALS = Map.of(
            "400", "The request is malformed or a value cannot be used (the detail names it)",
            "401", "No valid credential: a missing or unknown token, or a webhook signature that does not match",
            "403", "The caller's role is below the endpoint's rule (the detail names the role needed)",
            "404", "The app, branch, job or other resource does not exist",
            "409", "The resource is in a state that does not allow this (e.g. stopping a finished job)",
            "413", "The request body is larger than the configured limit",
            "429", "Too many requests; retry after the Retry-After header's seconds");

    @Bean
    OpenAPI slipwayApi() {
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema());
        return new OpenAPI()
                .info(new Info().title("Slipway API").version("v1")
                        .description("Apps, branches, jobs, deployments, secrets, domains, webhooks and team of a "
                                + "Slipway installation; Amplify's field names and envelopes. Tokens: the console's "
                                + "/tokens page or POST /api/v1/tokens.")
                        .license(new License().name("See the repository")))
                .servers(List.of(new Server().url("/").description("this control plane")))
                .components(new Components().addSchemas(PROBLEM, problem)
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * One handler method may serve several paths (app and branch secrets); springdoc numbers such ids in the order it
     * meets them, which is not stable. Instead a path with a variable the others lack is named by it:
     * {@code secret.list} for the app's secrets, {@code secret.listForBranchName} for a branch's.
     */
    @Bean
    OpenApiCustomizer uniqueOperationIds() {
        return api -> {
            Map<String, List<String>> pathsById = new TreeMap<>();
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> pathsById
                    .computeIfAbsent(baseId(operation.getOperationId()), id -> new ArrayList<>()).add(path)));
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                String id = baseId(operation.getOperationId());
                List<String> others = pathsById.get(id).stream().filter(other -> !other.equals(path)).toList();
                List<String> extra = new ArrayList<>(variables(path));
                others.forEach(other -> extra.removeAll(variables(other)));
                boolean shared = !others.isEmpty() && !extra.isEmpty();
                operation.setOperationId(shared ? id + "For" + capitalized(extra.getLast()) : id);
            }));
        };
    }

    private static String baseId(String operationId) {
        return operationId.replaceFirst("_[0-9]+$", "");
    }

    private static List<String> variables(String path) {
        List<String> names = new ArrayList<>();
        Matcher variable = PATH_VARIABLE.matcher(path);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        return names;
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Git hosts and build hooks call {@code /hooks/**} and {@code /webhooks} (SecurityConfiguration's unauthenticated
     * chain): they prove themselves by a signature or the hook's token, not a bearer token, and have no role to lack.
     */
    @Bean
    OpenApiCustomizer signedCallersNeedNoToken() {
        return api -> api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/hooks/") || path.equals("/webhooks")) {
                item.readOperations().forEach(operation -> {
                    operation.setSecurity(List.of());
                    operation.getResponses().remove("403");
                });
            }
        });
    }

    @Bean
    GlobalOperationCustomizer documentedRefusals() {
        return (operation, handler) -> {
            // stable ids (springdoc numbers clashing method names in the order it meets them): controller.method
            String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
            operation.setOperationId(Character.toLowerCase(controller.charAt(0)) + controller.substring(1) + "."
                    + handler.getMethod().getName());
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            REFUSALS.forEach((status, meaning) -> responses.putIfAbsent(status, new ApiResponse().description(meaning)
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
            operation.setResponses(responses);
            return operation;
        };
    }
}

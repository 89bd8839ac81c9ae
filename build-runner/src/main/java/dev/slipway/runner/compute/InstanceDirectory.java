package dev.slipway.runner.compute;

import java.net.URI;
import java.util.function.Supplier;

import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.ssr.ComputeActivity;
import dev.slipway.protocol.ssr.ComputeApi;
import dev.slipway.protocol.ssr.ComputeInstanceAddress;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compute host's answers to edges that proxy straight to instances: {@link ComputeApi#INSTANCE} (where a
 * deployment's app answers, started when needed) and {@link ComputeApi#ACTIVITY} (which deployments edges used).
 * Skipping the compute host on every request saves a proxy hop: about a quarter of a millisecond of CPU a request.
 */
final class InstanceDirectory {

    private final ComputeInstances instances;
    private final Scheduler blocking;
    /** Instances publish their port on the address the compute host listens on; edges use the advertised host. */
    private final Supplier<String> advertisedUrl;
    private final JsonMapper json = JsonMappers.STRICT;

    InstanceDirectory(ComputeInstances instances, Scheduler blocking, Supplier<String> advertisedUrl) {
        this.instances = instances;
        this.blocking = blocking;
        this.advertisedUrl = advertisedUrl;
    }

    static boolean handles(HttpServerRequest request) {
        String path = request.fullPath();
        return path.equals(ComputeApi.INSTANCE) || path.equals(ComputeApi.ACTIVITY);
    }

    /** The JSON answer, or an error: {@link ComputeUnavailable} for the visitor-facing reasons. */
    Mono<String> answer(HttpServerRequest request) {
        if (request.fullPath().equals(ComputeApi.ACTIVITY)) {
            return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).map(body -> {
                ComputeActivity.Report report = json.readValue(body, ComputeActivity.Report.class);
                instances.used(report.deploymentIds());
                return json.writeValueAsString(new ComputeActivity.Answer(instances.running()));
            }).onErrorMap(e -> !(e instanceof ComputeUnavailable),
                    e -> new ComputeUnavailable(400, "malformed activity report: " + e.getMessage()));
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String deploymentId = first(query, "deployment");
        if (deploymentId == null || !ComputeProxy.isDeploymentId(deploymentId)) {
            return Mono.error(new ComputeUnavailable(400, "missing or malformed deployment parameter"));
        }
        String manifest = first(query, "manifest");
        String failed = first(query, "failed");
        return Mono.fromCallable(() -> instances.locate(deploymentId, manifest, failed)).subscribeOn(blocking)
                .map(started -> json.writeValueAsString(new ComputeInstanceAddress(addressOf(started.hostPort()),
                        started.containerId())));
    }

    private String addressOf(int port) {
        URI advertised = URI.create(advertisedUrl.get());
        return advertised.getScheme() + "://" + advertised.getHost() + ":" + port;
    }

    private static String first(QueryStringDecoder query, String name) {
        var values = query.parameters().get(name);
        return values == null || values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }
}

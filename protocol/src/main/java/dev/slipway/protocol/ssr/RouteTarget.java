package dev.slipway.protocol.ssr;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param kind         what answers
 * @param src          the compute resource for {@link TargetKind#COMPUTE} (only {@code default}), else null
 * @param cacheControl Cache-Control for 200 answers of Static and ImageOptimization targets, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteTarget(TargetKind kind, String src, String cacheControl) {

    public static RouteTarget compute() {
        return new RouteTarget(TargetKind.COMPUTE, ComputeBundle.DEFAULT_RESOURCE, null);
    }

    public static RouteTarget staticFiles(String cacheControl) {
        return new RouteTarget(TargetKind.STATIC, null, cacheControl);
    }
}

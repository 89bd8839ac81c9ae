package dev.slipway.edge.proxy;

import dev.slipway.protocol.json.JsonMappers;
import dev.slipway.protocol.ssr.ComputeApi;
import dev.slipway.protocol.ssr.ComputeInstanceAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where each deployment's app answers, asked of its compute host ({@link ComputeApi#INSTANCE}) once and remembered, so
 * compute requests go straight from the edge to the app. Concurrent first requests share one question (and so one
 * cold start). An address is forgotten when it refuses a connection or its compute host no longer lists it.
 */
public final class ComputeInstanceAddresses {

    /** A cold start may take the compute host's whole start timeout (60 s by default) and then some. */
    static final Duration LOCATE_TIMEOUT = Duration.ofSeconds(90);

    private record Key(String hostUrl, String deploymentId) {
    }

    private static final class Entry {
        final Mono<ComputeInstanceAddress> address;
        volatile ComputeInstanceAddress known;

        Entry(Mono<ComputeInstanceAddress> lookup) {
            this.address = lookup.doOnNext(found -> known = found).cache(found -> Duration.ofMillis(Long.MAX_VALUE),
                    failure -> Duration.ZERO, () -> Duration.ZERO);
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.create().responseTimeout(LOCATE_TIMEOUT);
    private final JsonMapper json = JsonMappers.STRICT;
    private final java.util.function.Supplier<String> accessKey;

    private final Runnable located;

    /** @param accessKey the compute access key of the current route snapshot (null before the first one) */
    public ComputeInstanceAddresses(java.util.function.Supplier<String> accessKey) {
        this(accessKey, () -> { });
    }

    /**
     * @param located told of every address a compute host gave: an instance started for this edge unless it ran
     *                already (the edge's cold-start count)
     */
    public ComputeInstanceAddresses(java.util.function.Supplier<String> accessKey, Runnable located) {
        this.accessKey = accessKey;
        this.located = located;
    }

    /** What every call to a compute host presents ({@link ComputeApi#ACCESS_KEY_HEADER}); empty before any snapshot. */
    String accessKey() {
        String key = accessKey.get();
        return key == null ? "" : key;
    }

    public Mono<ComputeInstanceAddress> locate(String hostUrl, String deploymentId, String manifestHash) {
        return remembered(new Key(hostUrl, deploymentId), manifestHash, null);
    }

    /** The address refused a connection: the compute host checks that instance, replaces it if dead, and answers anew. */
    public Mono<ComputeInstanceAddress> replace(String hostUrl, String deploymentId, String manifestHash,
                                                ComputeInstanceAddress failed) {
        Key key = new Key(hostUrl, deploymentId);
        entries.computeIfPresent(key, (k, entry) -> failed.equals(entry.known) ? null : entry);
        return remembered(key, manifestHash, failed.containerId());
    }

    /** The remembered answer, else a new question; a failed question is asked again next time, not remembered. */
    private Mono<ComputeInstanceAddress> remembered(Key key, String manifestHash, String failedContainer) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry(ask(k, manifestHash, failedContainer)));
        return entry.address.doOnError(failure -> entries.remove(key, entry));
    }

    /** Forgets this host's addresses of instances it no longer runs (stopped idle, drained, crashed). */
    void retain(String hostUrl, Map<String, String> runningContainers) {
        entries.entrySet().removeIf(e -> e.getKey().hostUrl().equals(hostUrl) && e.getValue().known != null
                && !e.getValue().known.containerId().equals(runningContainers.get(e.getKey().deploymentId())));
    }

    Set<String> hosts() {
        return entries.keySet().stream().map(Key::hostUrl).collect(Collectors.toSet());
    }

    private Mono<ComputeInstanceAddress> ask(Key key, String manifestHash, String failedContainer) {
        String uri = key.hostUrl() + ComputeApi.INSTANCE + "?deployment=" + encode(key.deploymentId())
                + (manifestHash == null ? "" : "&manifest=" + encode(manifestHash))
                + (failedContainer == null ? "" : "&failed=" + encode(failedContainer));
        return client.headers(h -> h.set(ComputeApi.ACCESS_KEY_HEADER, accessKey())).get().uri(uri).responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                .handle((text, sink) -> {
                    if (response.status().code() == 200) {
                        located.run();
                        sink.next(json.readValue(text, ComputeInstanceAddress.class));
                    } else {
                        String retryAfter = response.responseHeaders().get("Retry-After");
                        sink.error(new ComputeRefusal(response.status().code(), text.strip(),
                                retryAfter == null ? null : retryAfter.strip()));
                    }
                }));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

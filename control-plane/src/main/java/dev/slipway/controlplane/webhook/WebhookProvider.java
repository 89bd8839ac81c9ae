package dev.slipway.controlplane.webhook;

import org.springframework.http.HttpHeaders;

/**
 * One git host's webhook dialect: how it proves a delivery is authentic and how its payloads read. Implementations
 * are stateless Spring beans, looked up by {@link #name()} (the {@code {provider}} of {@code /hooks/{provider}/{appId}}).
 */
interface WebhookProvider {

    String name();

    /** Whether the delivery was made with {@code secret}; constant time, never throws on odd headers. */
    boolean verify(HttpHeaders headers, byte[] body, String secret);

    /** What the rejected delivery should have carried, for the 401 a person reads. */
    String signatureHelp();

    /** The event the headers name, or null; also read from rejected deliveries, for the delivery log. */
    String event(HttpHeaders headers);

    /** The delivery id the headers carry, else a hash of the body (a resent identical body still dedupes). */
    String deliveryId(HttpHeaders headers, byte[] body);

    /**
     * Reads a verified delivery. Events this provider sends but Slipway does not act on map to
     * {@link ProviderEvent.Kind#UNSUPPORTED}; a body that is not the JSON the event promises throws
     * {@link dev.slipway.controlplane.support.Refusal#invalid} (a 400).
     */
    ProviderEvent parse(HttpHeaders headers, byte[] body);
}

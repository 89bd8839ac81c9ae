package dev.slipway.controlplane.webhook;

import dev.slipway.controlplane.support.Refusal;
import org.springframework.http.HttpHeaders;

/** A provider whose event name and delivery id each come from the first present of a few headers. */
abstract class HeaderNamedProvider implements WebhookProvider {

    private final String name;
    private final String[] eventHeaders;
    private final String[] deliveryHeaders;

    HeaderNamedProvider(String name, String[] eventHeaders, String... deliveryHeaders) {
        this.name = name;
        this.eventHeaders = eventHeaders;
        this.deliveryHeaders = deliveryHeaders;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String event(HttpHeaders headers) {
        return Payloads.header(headers, eventHeaders);
    }

    @Override
    public String deliveryId(HttpHeaders headers, byte[] body) {
        return Payloads.deliveryId(headers, body, deliveryHeaders);
    }

    /** The event header's value; a delivery without one cannot be read. */
    String requireEvent(HttpHeaders headers) {
        String event = event(headers);
        if (event == null) {
            throw Refusal.invalid("The " + eventHeaders[0] + " header is missing.");
        }
        return event;
    }
}

package dev.slipway.controlplane.notification;

import dev.slipway.controlplane.support.CheckedHttpClients;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.SecretCipher;
import dev.slipway.controlplane.webhook.WebhookSignatures;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * POSTs a webhook delivery, signed with the rule's secret when it has one: {@code X-Slipway-Signature-256:
 * sha256=<hex HMAC-SHA256 of the body>}, the scheme GitHub uses, so receivers can reuse their check. Only addresses
 * allowed by {@code SLIPWAY_NOTIFICATIONS_ALLOW} or public ones are called. The receiver's answer body is never
 * read into the log: that would make Slipway a way to read whatever answers at a URL.
 */
@Component
class WebhookPoster {

    static final String SIGNATURE_HEADER = "X-Slipway-Signature-256";

    private final CloseableHttpClient client;
    private final SecretCipher cipher;

    WebhookPoster(ControlPlaneProperties properties, SecretCipher cipher) {
        this.cipher = cipher;
        this.client = CheckedHttpClients.create(properties.notifications().destinations(),
                properties.notifications().requestTimeout());
    }

    @PreDestroy
    void close() throws IOException {
        client.close();
    }

    void post(NotificationDelivery delivery) throws DeliveryFailure, InterruptedIOException {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(delivery.target());
        post.setHeader("User-Agent", "Slipway-Notifications");
        post.setHeader("X-Slipway-Delivery", Long.toString(delivery.deliveryId()));
        post.setHeader("X-Slipway-Event", "job." + delivery.jobStatus().toLowerCase(java.util.Locale.ROOT));
        if (delivery.secretEnc() != null) {
            post.setHeader(SIGNATURE_HEADER, "sha256=" + WebhookSignatures.hex(
                    WebhookSignatures.hmacSha256(cipher.decrypt(delivery.secretEnc()), body)));
        }
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        int status;
        try {
            status = client.execute(post, response -> response.getCode());
        } catch (CheckedHttpClients.Refused refused) {
            throw new DeliveryFailure("Refused to call the receiver: " + refused.getMessage()
                    + " (allow its address block in SLIPWAY_NOTIFICATIONS_ALLOW if it is yours)", false);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw new DeliveryFailure("No answer from the receiver: " + e, true);
        } catch (IOException e) {
            throw new DeliveryFailure("No answer from the receiver: " + e, true);
        }
        if (status / 100 != 2) {
            HttpStatus known = HttpStatus.resolve(status);
            throw new DeliveryFailure("The receiver answered " + status
                    + (known == null ? "" : " " + known.getReasonPhrase()),
                    status == 408 || status == 429 || status >= 500);
        }
    }
}

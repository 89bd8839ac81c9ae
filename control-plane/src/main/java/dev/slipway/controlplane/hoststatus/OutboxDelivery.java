package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.hoststatus.GitHostConnectionService.Credentials;
import dev.slipway.controlplane.support.JsonColumns;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one outbox call and records the outcome: sent; retried later with exponential backoff (no answer, 408, 429,
 * 5xx); or given up (any other 4xx, which a retry would not change, or too many attempts).
 */
@Component
class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final GitHostConnectionService connections;
    private final OutboxRepository outbox;
    private final PullRequestComments comments;
    private final GitHostProperties properties;
    private final JsonColumns json;
    private final HttpClient http;

    OutboxDelivery(GitHostConnectionService connections, OutboxRepository outbox, PullRequestComments comments,
            GitHostProperties properties, JsonColumns json) {
        this.connections = connections;
        this.outbox = outbox;
        this.comments = comments;
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A host's answer that is not 2xx. */
    private static final class Refused extends Exception {
        final boolean retryable;

        Refused(HostCall call, HttpResponse<String> response) {
            super(call + " answered " + response.statusCode() + ": " + response.body());
            int status = response.statusCode();
            this.retryable = status == 408 || status == 429 || status >= 500;
        }
    }

    void deliver(OutboxEntry entry) {
        int attempts = entry.attempts() + 1;
        Optional<Credentials> credentials = connections.credentials(entry.appId());
        if (credentials.isEmpty()) {
            outbox.markFailed(entry.id(), attempts, "The app has no git host connection any more.");
            return;
        }
        try {
            if (entry.kind().equals(OutboxEntry.STATUS)) {
                StatusUpdate update = json.readValue(entry.payload(), StatusUpdate.class);
                send(credentials.get().connection().host().api().status(credentials.get(), update));
            } else {
                comment(entry.appId(), credentials.get(), json.readValue(entry.payload(), CommentUpdate.class));
            }
            outbox.markSent(entry.id(), attempts);
        } catch (Refused refused) {
            failed(entry, attempts, refused.getMessage(), refused.retryable);
        } catch (IOException e) {
            failed(entry, attempts, "No answer from the git host: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outbox.retryLater(entry, entry.attempts(), properties.retryBase(), "Interrupted while sending");
        } catch (RuntimeException e) {
            failed(entry, attempts, "Could not make the call: " + e.getMessage(), false);
        }
    }

    /** Edits Slipway's comment when there is one; creates it (and remembers its id) otherwise or when it was deleted. */
    private void comment(String appId, Credentials credentials, CommentUpdate update)
            throws IOException, InterruptedException, Refused {
        HostApi api = credentials.connection().host().api();
        Optional<String> existing = comments.find(appId, update.pullRequestNumber());
        if (existing.isPresent()) {
            HostCall edit = api.updateComment(credentials, update.pullRequestNumber(), existing.get(), update.body());
            HttpResponse<String> response = exchange(edit);
            if (response.statusCode() != 404) {
                check(edit, response);
                return;
            }
            comments.forget(appId, update.pullRequestNumber());
        }
        HostCall create = api.createComment(credentials, update.pullRequestNumber(), update.body());
        comments.remember(appId, update.pullRequestNumber(), HostCall.commentId(send(create)));
    }

    private String send(HostCall call) throws IOException, InterruptedException, Refused {
        return check(call, exchange(call));
    }

    private HttpResponse<String> exchange(HostCall call) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(properties.requestTimeout())
                .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        call.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String check(HostCall call, HttpResponse<String> response) throws Refused {
        if (response.statusCode() / 100 != 2) {
            throw new Refused(call, response);
        }
        return response.body();
    }

    private void failed(OutboxEntry entry, int attempts, String error, boolean retryable) {
        if (retryable && attempts < properties.maxAttempts()) {
            log.info("Git host call {} of app {} failed (attempt {}), retrying: {}", entry.id(), entry.appId(),
                    attempts, error);
            outbox.retryLater(entry, attempts, properties.backoff(attempts), error);
        } else {
            log.warn("Git host call {} of app {} given up after {} attempt(s): {}", entry.id(), entry.appId(),
                    attempts, error);
            outbox.markFailed(entry.id(), attempts, error);
        }
    }
}

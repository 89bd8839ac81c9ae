package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.hoststatus.GitHostConnectionService.Credentials;
import dev.slipway.controlplane.support.CheckedHttpClients;
import dev.slipway.controlplane.support.JsonColumns;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.http.HttpStatus;
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
    private final GitHostHttp http;

    OutboxDelivery(GitHostConnectionService connections, OutboxRepository outbox, PullRequestComments comments,
            GitHostProperties properties, JsonColumns json) {
        this.connections = connections;
        this.outbox = outbox;
        this.comments = comments;
        this.properties = properties;
        this.json = json;
        this.http = new GitHostHttp(properties);
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    /**
     * A host's answer that is not 2xx. Its status and the standard reason say what went wrong; the body does not go
     * into the call log, which would make the control plane a way to read whatever answers at an {@code apiUrl}.
     */
    private static final class Refused extends Exception {
        final boolean retryable;

        Refused(HostCall call, GitHostHttp.Answer answer) {
            super(call + " answered " + answer.status() + reasonPhrase(answer.status()));
            int status = answer.status();
            this.retryable = status == 408 || status == 429 || status >= 500;
        }

        private static String reasonPhrase(int status) {
            HttpStatus known = HttpStatus.resolve(status);
            return known == null ? "" : " " + known.getReasonPhrase();
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
        } catch (CheckedHttpClients.Refused refused) {
            failed(entry, attempts, "Refused to call the git host: " + refused.getMessage()
                    + " (allow its address block in SLIPWAY_GIT_HOSTS_ALLOW if it is yours)", false);
        } catch (InterruptedIOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                failed(entry, attempts, "No answer from the git host: " + e, true);
                return;
            }
            outbox.retryLater(entry, entry.attempts(), properties.retryBase(), "Interrupted while sending");
        } catch (IOException e) {
            failed(entry, attempts, "No answer from the git host: " + e, true);
        } catch (RuntimeException e) {
            failed(entry, attempts, "Could not make the call: " + e.getMessage(), false);
        }
    }

    /** Edits Slipway's comment when there is one; creates it (and remembers its id) otherwise or when it was deleted. */
    private void comment(String appId, Credentials credentials, CommentUpdate update)
            throws IOException, Refused {
        HostApi api = credentials.connection().host().api();
        Optional<String> existing = comments.find(appId, update.pullRequestNumber());
        if (existing.isPresent()) {
            HostCall edit = api.updateComment(credentials, update.pullRequestNumber(), existing.get(), update.body());
            GitHostHttp.Answer response = http.exchange(edit);
            if (response.status() != 404) {
                check(edit, response);
                return;
            }
            comments.forget(appId, update.pullRequestNumber());
        }
        HostCall create = api.createComment(credentials, update.pullRequestNumber(), update.body());
        comments.remember(appId, update.pullRequestNumber(), HostCall.commentId(send(create)));
    }

    private String send(HostCall call) throws IOException, Refused {
        return check(call, http.exchange(call));
    }

    private static String check(HostCall call, GitHostHttp.Answer response) throws Refused {
        if (response.status() / 100 != 2) {
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

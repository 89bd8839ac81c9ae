package dev.slipway.controlplane.incoming;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobService;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.RandomIds;
import dev.slipway.controlplane.webhook.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * CreateWebhook / ListWebhooks / GetWebhook / DeleteWebhook and the call of a webhook URL. The token is shown once,
 * at creation; only its SHA-256 is stored, and calls compare hashes in constant time.
 */
@Service
public class IncomingWebhookService {

    /** Amplify's quota of webhooks per app. */
    static final int MAX_PER_APP = 50;

    private final IncomingWebhookRepository webhooks;
    private final AppService apps;
    private final BranchService branches;
    private final JobService jobs;
    private final StartRateLimiter limiter;

    IncomingWebhookService(IncomingWebhookRepository webhooks, AppService apps, BranchService branches,
            JobService jobs, StartRateLimiter limiter) {
        this.webhooks = webhooks;
        this.apps = apps;
        this.branches = branches;
        this.jobs = jobs;
        this.limiter = limiter;
    }

    public record Changes(String branchName, String description) {
    }

    /** The new webhook and its token, which is never shown again. */
    public record Created(IncomingWebhook webhook, String token) {
    }

    public Created create(String appId, Changes request) {
        if (request.branchName() == null || request.branchName().isBlank()) {
            throw Refusal.invalid("'branchName' is required: the branch the webhook builds.");
        }
        if (request.description() != null && request.description().length() > 1000) {
            throw Refusal.invalid("'description' is longer than 1,000 characters.");
        }
        branches.get(appId, request.branchName());
        if (webhooks.countLive(appId) >= MAX_PER_APP) {
            throw Refusal.conflict("App '" + appId + "' already has " + MAX_PER_APP
                    + " incoming webhooks, the most an app may have; delete one first.");
        }
        String token = RandomIds.lowerAlphanumeric(40);
        Instant now = Instant.now();
        IncomingWebhook webhook = new IncomingWebhook(UUID.randomUUID(), appId, request.branchName(),
                request.description(), now, now);
        webhooks.insert(webhook, hash(token));
        return new Created(webhook, token);
    }

    public List<IncomingWebhook> list(String appId) {
        apps.get(appId);
        return webhooks.listLive(appId);
    }

    public IncomingWebhook get(String appId, String webhookId) {
        return webhooks.findLive(appId, parse(webhookId).orElse(new UUID(0, 0))).orElseThrow(() ->
                Refusal.notFound("App '" + appId + "' has no incoming webhook '" + webhookId + "'."));
    }

    public IncomingWebhook delete(String appId, String webhookId) {
        IncomingWebhook webhook = get(appId, webhookId);
        webhooks.markDeleted(appId, webhook.webhookId());
        limiter.forget(webhook.webhookId());
        return webhook;
    }

    /**
     * Starts a WEB_HOOK build of the webhook's branch at its head. Wrong id or token: 401 (the same answer, so ids
     * cannot be probed); deleted webhook: 404; more than {@value StartRateLimiter#CAPACITY} calls in a burst: 429.
     */
    public Job start(String webhookId, String token) {
        Optional<IncomingWebhookRepository.Stored> stored = parse(webhookId).flatMap(webhooks::findForCall);
        byte[] given = hash(token == null ? "" : token).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = stored.map(s -> s.tokenHash()).orElse(hash("")).getBytes(StandardCharsets.US_ASCII);
        if (stored.isEmpty() || token == null || !MessageDigest.isEqual(given, expected)) {
            throw Refusal.unauthenticated("The webhook id or token is wrong; use the webhookUrl shown when the "
                    + "webhook was created.");
        }
        IncomingWebhook webhook = stored.get().webhook();
        if (stored.get().deleted()) {
            throw Refusal.notFound("Incoming webhook " + webhookId + " was deleted; create a new one.");
        }
        Optional<Duration> wait = limiter.acquire(webhook.webhookId());
        if (wait.isPresent()) {
            throw new RateLimitedException("Incoming webhook " + webhookId + " may start at most "
                    + StartRateLimiter.CAPACITY + " builds a minute; try again later.", wait.get());
        }
        return jobs.start(webhook.appId(), webhook.branchName(), new JobService.Start("WEB_HOOK", null, null, null,
                null));
    }

    private static Optional<UUID> parse(String webhookId) {
        try {
            return webhookId == null ? Optional.empty() : Optional.of(UUID.fromString(webhookId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String hash(String token) {
        return WebhookSignatures.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }
}

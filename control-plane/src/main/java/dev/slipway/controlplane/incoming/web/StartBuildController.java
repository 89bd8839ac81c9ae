package dev.slipway.controlplane.incoming.web;

import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.incoming.IncomingWebhookService;
import dev.slipway.controlplane.incoming.RateLimitedException;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.support.Refusal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks?id=<webhookId>&token=<token>&operation=startbuild}, the URL of an incoming webhook. No bearer
 * token: the URL's token is the credential. The body is ignored (Amplify's console sends {@code {}}).
 */
@RestController
@RoleExempt("the incoming webhook URL's token is the credential")
class StartBuildController {

    private final IncomingWebhookService webhooks;

    StartBuildController(IncomingWebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks")
    ResponseEntity<Map<String, String>> start(@RequestParam(required = false) String id,
            @RequestParam(required = false) String token,
            @RequestParam(required = false, defaultValue = "startbuild") String operation) {
        if (!operation.equals("startbuild")) {
            throw Refusal.invalid("'operation' must be 'startbuild' (got '" + operation + "').");
        }
        Job job = webhooks.start(id, token);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("jobId", job.jobId());
        body.put("appId", job.appId());
        body.put("branchName", job.branchName());
        body.put("jobType", job.jobType());
        body.put("status", job.status().name());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }
}

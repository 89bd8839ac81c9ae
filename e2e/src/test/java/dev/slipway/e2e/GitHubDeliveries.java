package dev.slipway.e2e;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.revwalk.RevCommit;

/** GitHub push deliveries as GitHub sends them: JSON body, event and delivery headers, HMAC-SHA256 signature. */
public final class GitHubDeliveries {

    private GitHubDeliveries() {
    }

    public record Delivery(byte[] body, Map<String, String> headers) {
    }

    public static Delivery push(String branch, RevCommit commit, String secret) throws Exception {
        Map<String, Object> headCommit = new LinkedHashMap<>();
        headCommit.put("id", commit.name());
        headCommit.put("message", commit.getFullMessage());
        headCommit.put("timestamp", commit.getCommitterIdent().getWhenAsInstant().toString());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ref", "refs/heads/" + branch);
        payload.put("before", "0".repeat(40));
        payload.put("after", commit.name());
        payload.put("created", false);
        payload.put("deleted", false);
        payload.put("head_commit", headCommit);
        byte[] body = Api.JSON.writeValueAsBytes(payload);
        return new Delivery(body, headers(UUID.randomUUID().toString(), "sha256=" + hmac(secret, body)));
    }

    public static Map<String, String> headers(String deliveryId, String signature) {
        return Map.of("Content-Type", "application/json", "X-GitHub-Event", "push", "X-GitHub-Delivery", deliveryId,
                "X-Hub-Signature-256", signature, "User-Agent", "GitHub-Hookshot/e2e");
    }

    public static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}

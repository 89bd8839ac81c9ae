package dev.slipway.controlplane.compute;

import dev.slipway.protocol.ssr.ComputeApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks that a compute host holding the runner token answers at a URL before edges are sent there: otherwise anyone
 * with a runner token could point visitors' SSR traffic (and their cookies) at any address. The host proves itself by
 * answering a fresh challenge with {@link ComputeApi#identityProof}. Redirects are not followed.
 */
final class ComputeHostVerifier {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();

    /** @return empty when verified, else why not, in words for the runner's log */
    Optional<String> verify(String url, String runnerToken) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        String challenge = HexFormat.of().formatHex(nonce);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                            URI.create(url + ComputeApi.IDENTITY + "?challenge=" + challenge))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.of("it answered HTTP " + answer.statusCode() + " to the identity challenge");
            }
            return ComputeApi.sameKey(ComputeApi.identityProof(runnerToken, challenge), answer.body().strip())
                    ? Optional.empty()
                    : Optional.of("its answer to the identity challenge does not prove it holds this runner token");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("it could not be reached (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}

package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.support.CheckedHttpClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The HTTP client of git host calls. An {@code apiUrl} is the user's to choose, so only the addresses
 * {@code SLIPWAY_GIT_HOSTS_ALLOW} and the public internet hold are called ({@link CheckedHttpClients}).
 *
 * <p>Thread-safe; one per control plane.
 */
final class GitHostHttp implements AutoCloseable {

    /** A host's answer: its status, and the body for the one thing it is read for (a new comment's id). */
    record Answer(int status, String body) {
    }

    private final CloseableHttpClient client;

    GitHostHttp(GitHostProperties properties) {
        this.client = CheckedHttpClients.create(properties.destinations(), properties.requestTimeout());
    }

    Answer exchange(HostCall call) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        call.headers().forEach(request::setHeader);
        request.setEntity(new StringEntity(call.body(), StandardCharsets.UTF_8));
        return client.execute(request, response -> new Answer(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}

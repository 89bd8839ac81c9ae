package dev.slipway.controlplane.hoststatus;

import dev.slipway.protocol.net.Destinations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of git host calls. An {@code apiUrl} is the user's to choose, so the addresses its host resolves to
 * are checked ({@link Destinations}, with {@code SLIPWAY_GIT_HOSTS_ALLOW}) by the client's own resolver and the
 * connection goes to exactly those addresses: no second lookup that a DNS answer could change in between. No
 * redirects are followed (a Location was never checked) and no call is repeated behind the outbox's back.
 *
 * <p>Thread-safe; one per control plane.
 */
final class GitHostHttp implements AutoCloseable {

    /** The host's name resolves to an address the control plane may not call. */
    static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    /** A host's answer: its status, and the body for the one thing it is read for (a new comment's id). */
    record Answer(int status, String body) {
    }

    private final CloseableHttpClient client;

    GitHostHttp(GitHostProperties properties) {
        Destinations destinations = properties.destinations();
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                List<InetAddress> callable = destinations.callable(addresses);
                if (callable.isEmpty()) {
                    throw new Refused(host + " resolves to " + destinations.refusal(addresses[0]));
                }
                return callable.toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        Timeout timeout = Timeout.of(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(checked)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .setMaxConnTotal(200).setMaxConnPerRoute(20).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
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

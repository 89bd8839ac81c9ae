package dev.slipway.controlplane.support;

import dev.slipway.protocol.net.Destinations;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for URLs a user chose (git host API URLs, notification webhooks). The addresses a host resolves to
 * are checked ({@link Destinations}) by the client's own resolver and the connection goes to exactly those addresses:
 * no second lookup that a DNS answer could change in between. No redirects are followed (a Location was never
 * checked) and no call is repeated behind the caller's back.
 */
public final class CheckedHttpClients {

    /** The host's name resolves to an address the control plane may not call. */
    public static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    private CheckedHttpClients() {
    }

    /** Thread-safe; close it when its owner stops. */
    public static CloseableHttpClient create(Destinations destinations, Duration requestTimeout) {
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
        Timeout timeout = Timeout.of(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return HttpClients.custom()
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
}

package dev.slipway.controlplane.domain.cert;

import dev.slipway.controlplane.domain.DomainProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * ACME sessions on {@code SLIPWAY_ACME_DIRECTORY}. With {@code SLIPWAY_ACME_CA_BUNDLE} the server's TLS is checked
 * against that PEM bundle only (a private CA such as a test pebble), without touching the JVM's global trust store.
 */
final class AcmeSessions {

    private AcmeSessions() {
    }

    static Session open(DomainProperties properties) throws IOException {
        URI directory = URI.create(properties.acmeDirectory());
        if (properties.acmeCaBundle().isBlank()) {
            return new Session(directory);
        }
        SSLContext trust = trusting(Path.of(properties.acmeCaBundle()));
        return new Session(directory, new GenericAcmeProvider() {
            @Override
            public HttpClient createHttpClient(NetworkSettings settings) {
                HttpClient.Builder builder = HttpClient.newBuilder().sslContext(trust)
                        .connectTimeout(settings.getTimeout()).followRedirects(HttpClient.Redirect.NORMAL)
                        .proxy(settings.getProxySelector());
                if (settings.getAuthenticator() != null) {
                    builder.authenticator(settings.getAuthenticator());
                }
                return builder.build();
            }
        });
    }

    private static SSLContext trusting(Path bundle) throws IOException {
        try (InputStream in = Files.newInputStream(bundle)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException("SLIPWAY_ACME_CA_BUNDLE " + bundle + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("SLIPWAY_ACME_CA_BUNDLE " + bundle + " is unusable: " + e.getMessage(), e);
        }
    }
}

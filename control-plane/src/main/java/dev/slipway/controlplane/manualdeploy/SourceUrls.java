package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.support.CheckedHttpClients;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import dev.slipway.controlplane.support.ManualDeploySettings;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.net.Destinations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * StartDeployment's {@code sourceUrl}: a zip the control plane fetches itself. Checked when the start is asked
 * (https only unless the operator allows http; a literal address that is not public is refused at once) and again when
 * fetched: the host's addresses must be public or allowed ({@link CheckedHttpClients}, the guard notification webhooks
 * and git host calls use), no redirect is followed, and the body is held to the zip size limit as it arrives.
 */
@Component
class SourceUrls implements DisposableBean {

    private final ManualDeploySettings settings;
    private final Destinations destinations;
    private final CloseableHttpClient client;

    SourceUrls(ControlPlaneProperties properties) {
        this.settings = properties.manualDeploys();
        this.destinations = settings.destinations();
        this.client = CheckedHttpClients.create(destinations, settings.sourceUrlTimeout());
    }

    /** The URL if it may be fetched; otherwise a 400 saying why. */
    String validate(String sourceUrl) {
        URI uri;
        try {
            uri = new URI(sourceUrl.trim());
        } catch (URISyntaxException e) {
            throw Refusal.invalid("'sourceUrl' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean allowed = scheme.equals("https") || scheme.equals("http") && settings.allowHttpSourceUrls();
        if (!allowed) {
            throw Refusal.invalid("'sourceUrl' must be an https:// URL of a zip (got '" + scheme + ":'"
                    + (scheme.equals("http") ? "; the operator can allow http with "
                    + "SLIPWAY_MANUAL_DEPLOY_ALLOW_HTTP_SOURCE_URLS=true" : "") + ").");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw Refusal.invalid("'sourceUrl' must name a host and no user name or password.");
        }
        String refusal = destinations.hostRefusal(uri.getHost());
        if (refusal != null) {
            throw Refusal.invalid("'sourceUrl' cannot be fetched: " + refusal + " (allow a block with "
                    + "SLIPWAY_MANUAL_DEPLOY_SOURCE_URL_ALLOW).");
        }
        return uri.toString();
    }

    /** Fetches the zip into {@code target}; a {@link SiteZip.Refused} says why it could not be. */
    void fetch(String sourceUrl, Path target) throws SiteZip.Refused, IOException {
        long limit = settings.maxZipSize().toBytes();
        HttpGet get;
        try {
            get = new HttpGet(validate(sourceUrl));
        } catch (Refusal refused) {
            throw new SiteZip.Refused(refused.getMessage());
        }
        try {
            client.execute(get, response -> {
                if (response.getCode() != 200) {
                    throw new FetchFailed("The sourceUrl answered " + response.getCode() + " (" + response
                            .getReasonPhrase() + "), not 200 with a zip; redirects are not followed.");
                }
                if (response.getEntity() == null) {
                    throw new FetchFailed("The sourceUrl answered without a body.");
                }
                try (InputStream in = response.getEntity().getContent(); OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[64 * 1024];
                    long total = 0;
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > limit) {
                            throw new FetchFailed("The zip at the sourceUrl is larger than " + limit + " bytes "
                                    + "(SLIPWAY_MANUAL_DEPLOY_MAX_ZIP_SIZE).");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                return null;
            });
        } catch (FetchFailed e) {
            throw new SiteZip.Refused(e.getMessage());
        } catch (CheckedHttpClients.Refused e) {
            throw new SiteZip.Refused("The sourceUrl cannot be fetched: " + e.getMessage()
                    + " (allow a block with SLIPWAY_MANUAL_DEPLOY_SOURCE_URL_ALLOW).");
        } catch (IOException e) {
            throw new SiteZip.Refused("The sourceUrl could not be fetched: " + e);
        }
    }

    /** Ends a fetch from inside the response handler, with the reason. */
    private static final class FetchFailed extends IOException {
        FetchFailed(String message) {
            super(message);
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}

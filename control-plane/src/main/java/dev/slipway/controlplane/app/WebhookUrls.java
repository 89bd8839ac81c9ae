package dev.slipway.controlplane.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where each git host posts an app's deliveries ({@code /hooks/{provider}/{appId}}), for the API and the console. */
public final class WebhookUrls {

    /** The providers the webhook feature understands, in the order people read them. */
    public static final List<String> PROVIDERS = List.of("github", "gitlab", "gitea", "bitbucket");

    private WebhookUrls() {
    }

    public static String of(String publicUrl, String provider, String appId) {
        return publicUrl + "/hooks/" + provider + "/" + appId;
    }

    /** provider → URL, GitHub first. */
    public static Map<String, String> all(String publicUrl, String appId) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String provider : PROVIDERS) {
            urls.put(provider, of(publicUrl, provider, appId));
        }
        return urls;
    }
}

package dev.slipway.e2e.security;

import static dev.slipway.e2e.PushToLiveIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.e2e.Api;
import dev.slipway.e2e.BuildContainers;
import dev.slipway.e2e.SiteRepository;
import dev.slipway.e2e.SlipwayStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, H2 and M5: a build is hostile code. Another app's SSR server answers its runtime secrets to whoever
 * reaches it, and the host's Slipway ports answer whoever reaches them; a build must reach neither, only the
 * internet. Its container runs without raw sockets, with no-new-privileges and a pids limit.
 *
 * <p>The build's probe script prints what it reached; the assertions read the job's log. The SSR container's address
 * comes from the engine (as an attacker would scan the bridge for it), the gateway from {@code /proc/net/route}.
 */
class BuildIsolationIntegrationTests {

    private static final Duration BUILD = Duration.ofMinutes(4);
    private static final String SECRET = "ssr-runtime-secret-" + UUID.randomUUID();
    private static final String SERVER = """
            require("http").createServer((q, s) => s.end("secret=" + process.env.SSR_SECRET)).listen(3000);
            """;
    private static final String MANIFEST = """
            {"version": 1,
             "routes": [{"path": "/*", "target": {"kind": "Compute", "src": "default"}}],
             "computeResources": [{"name": "default", "entrypoint": "server.js", "runtime": "nodejs22.x"}],
             "framework": {"name": "custom", "version": "1.0.0"}}""";
    private static final String SSR_SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - mkdir -p .amplify-hosting/compute/default
                    - cp server.js .amplify-hosting/compute/default/server.js
                    - cp manifest.json .amplify-hosting/deploy-manifest.json
              artifacts:
                baseDirectory: .amplify-hosting
                files:
                  - '**/*'
            """;
    /** Prints key=value lines: HTTP codes (000: no connection) and the first bytes of what answered. */
    private static final String PROBE = """
            gw=$(awk '$2 == "00000000" { print $3; exit }' /proc/net/route)
            gateway=$(printf '%d.%d.%d.%d' 0x${gw:6:2} 0x${gw:4:2} 0x${gw:2:2} 0x${gw:0:2})
            probe() {
              rm -f /tmp/answer
              code=$(curl -s -m 5 -o /tmp/answer -w '%{http_code}' "$1")
              echo "$code $(head -c 120 /tmp/answer 2>/dev/null | tr -d '\\n')"
            }
            echo "probe gateway=$gateway"
            echo "probe ssr=$(probe "http://$SSR_ADDRESS:3000/")"
            echo "probe api=$(probe "http://$gateway:$API_PORT/actuator/health")"
            echo "probe edge=$(probe "http://$gateway:$EDGE_PORT/")"
            echo "probe internet=$(curl -s -m 30 --cacert "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" \\
              -o /dev/null -w '%{http_code}' https://registry.npmjs.org/)"
            echo "probe capeff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)"
            echo "probe nonewprivs=$(awk '/^NoNewPrivs:/ { print $2 }' /proc/self/status)"
            echo "probe pids=$(cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max)"
            """;
    private static final String PROBE_SPEC = """
            version: 1
            frontend:
              phases:
                build:
                  commands:
                    - bash probe.sh
                    - mkdir -p dist && echo probed > dist/index.html
              artifacts:
                baseDirectory: dist
                files:
                  - '**/*'
            """;
    private static final long CAP_NET_RAW = 1L << 13;

    @Test
    void aBuildReachesTheInternetButNeitherAnotherAppsServerNorTheHostsPortsAndRunsWithoutRawSockets()
            throws Exception {
        SlipwayStack stack = SecurityStack.get();
        Api api = SecurityStack.api();

        String ssrApp = deploy("ssr-victim", Map.of("amplify.yml", SSR_SPEC, "server.js", SERVER,
                "manifest.json", MANIFEST), Map.of(), Map.of("SSR_SECRET", SECRET));
        Api.Response page = api.siteShowing(stack.edgeUrl(), "main." + ssrApp + ".localhost", "/", SECRET);
        assertThat(page.body()).as("the victim's server answers its secret to whoever reaches it").contains(SECRET);
        String address = await(Duration.ofSeconds(10), () -> ssrAddress(), a -> !a.isEmpty());
        assertThat(address).as("the victim's SSR container runs").isNotEmpty();

        String prober = deploy("prober", Map.of("amplify.yml", PROBE_SPEC, "probe.sh", PROBE),
                Map.of("SSR_ADDRESS", address, "API_PORT", Integer.toString(stack.apiPort),
                        "EDGE_PORT", Integer.toString(stack.edgePort)), Map.of());
        String log = api.get("/api/v1/apps/" + prober + "/branches/main/jobs/1/logs").body();
        System.out.println("[build isolation] " + String.join(" | ", log.lines().filter(l -> l.contains("probe "))
                .toList()));

        assertThat(probe(log, "internet")).as("builds still reach package registries: " + log).isEqualTo("200");
        assertThat(probe(log, "ssr")).as("another app's SSR container, directly").startsWith("000");
        assertThat(log).doesNotContain(SECRET);
        assertThat(probe(log, "api")).as("the control plane through the gateway").startsWith("000");
        assertThat(probe(log, "edge")).as("the edge through the gateway").startsWith("000");
        long capabilities = Long.parseLong(probe(log, "capeff"), 16);
        assertThat(capabilities & CAP_NET_RAW).as("NET_RAW dropped (CapEff %x)", capabilities).isZero();
        assertThat(probe(log, "nonewprivs")).isEqualTo("1");
        assertThat(probe(log, "pids")).isEqualTo("4096");
    }

    /** Creates an app on a fresh repository with these files, builds main, and returns the app id once it SUCCEEDs. */
    private static String deploy(String name, Map<String, String> files, Map<String, String> env,
                                 Map<String, String> secrets) throws Exception {
        Path dir = SecurityStack.newDirectory(name);
        try (SiteRepository repo = SiteRepository.init(dir)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            repo.commitAll(name);
            Map<String, Object> extra = new HashMap<>();
            extra.put("environmentVariables", env);
            String appId = SecurityStack.createApp(name, repo.url(), extra).path("appId").asString();
            Api api = SecurityStack.api();
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                assertThat(api.put("/api/v1/apps/" + appId + "/secrets/" + secret.getKey(),
                        Map.of("value", secret.getValue())).status()).isEqualTo(200);
            }
            String branch = "/api/v1/apps/" + appId + "/branches/main";
            assertThat(api.post(branch + "/jobs", Map.of("jobType", "RELEASE")).status()).isEqualTo(201);
            String status = await(BUILD, () -> api.get(branch + "/jobs/1").json().path("job").path("summary")
                    .path("status").asString(), s -> List.of("SUCCEED", "FAILED", "CANCELLED").contains(s));
            assertThat(status).as(() -> name + " build: " + logOf(api, branch)).isEqualTo("SUCCEED");
            return appId;
        }
    }

    private static String logOf(Api api, String branch) {
        try {
            return api.get(branch + "/jobs/1/logs").body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The address of the running SSR container whose environment holds the victim's secret. */
    private static String ssrAddress() throws Exception {
        for (String id : BuildContainers.docker("ps", "-q", "--no-trunc", "--filter", "label=slipway.compute.deployment")
                .lines().toList()) {
            String env = BuildContainers.docker("inspect", "--format", "{{range .Config.Env}}{{println .}}{{end}}", id);
            if (env.lines().anyMatch(("SSR_SECRET=" + SECRET)::equals)) {
                return BuildContainers.docker("inspect", "--format",
                        "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", id).strip().split(" ")[0];
            }
        }
        return "";
    }

    private static String probe(String log, String key) {
        Matcher matcher = Pattern.compile("probe " + key + "=([^\\r\\n]*)").matcher(log);
        assertThat(matcher.find()).as("the probe printed " + key + ":\n" + log).isTrue();
        return matcher.group(1).strip();
    }
}

package dev.slipway.controlplane.compute.web;

import dev.slipway.controlplane.compute.ComputeHosts;
import dev.slipway.controlplane.compute.ComputeRuntimes;
import dev.slipway.controlplane.identity.MachineAuthentication;
import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.support.ComputeAccessKey;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.ssr.ComputeApi;
import dev.slipway.protocol.ssr.ComputeHeartbeat;
import dev.slipway.protocol.ssr.ComputeRuntime;
import java.net.URI;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The compute host side of {@link ComputeApi} (runner tokens only). */
@RestController
@RoleExempt("compute hosts prove themselves with the runner token (SecurityConfiguration)")
class ComputeHostController {

    private final ComputeHosts hosts;
    private final ComputeRuntimes runtimes;
    private final ComputeAccessKey accessKey;

    ComputeHostController(ComputeHosts hosts, ComputeRuntimes runtimes, ComputeAccessKey accessKey) {
        this.hosts = hosts;
        this.accessKey = accessKey;
        this.runtimes = runtimes;
    }

    @PostMapping(ComputeApi.HEARTBEAT)
    ComputeHeartbeat.Answer heartbeat(@RequestBody ComputeHeartbeat heartbeat, MachineAuthentication runner) {
        if (heartbeat.hostId() == null || heartbeat.hostId().isBlank() || !isHttpUrl(heartbeat.url())) {
            throw Refusal.invalid("'hostId' and an http(s) 'url' are required.");
        }
        hosts.heartbeat(heartbeat.hostId(), heartbeat.url().replaceAll("/+$", ""), runner.token());
        return new ComputeHeartbeat.Answer(accessKey.value());
    }

    @GetMapping(ComputeApi.DEPLOYMENT)
    ComputeRuntime deployment(@PathVariable String deploymentId) {
        return runtimes.runtime(deploymentId)
                .orElseThrow(() -> Refusal.notFound("Deployment '" + deploymentId + "' does not exist."));
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = url == null ? null : URI.create(url);
            return uri != null && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

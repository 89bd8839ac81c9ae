package dev.slipway.runner.executor;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates docker-java clients: default config (DOCKER_HOST or the local socket), API version left unset. */
public final class DockerClients {

    private static final Logger log = LoggerFactory.getLogger(DockerClients.class);

    private DockerClients() {
    }

    public static DockerClient create() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * Force-removes a container with its volumes. Idempotent: a container already gone or already being removed is
     * fine; other engine errors are logged (cleanup must not fail the caller), naming {@code kind} ("build").
     */
    public static void forceRemove(DockerClient docker, String containerId, String kind) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // idempotent
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("already in progress")) {
                log.warn("could not remove {} container {}: {}", kind, containerId, e.getMessage());
            }
        }
    }
}

package dev.slipway.runner;

import java.io.IOException;
import java.net.URI;

import com.github.dockerjava.api.DockerClient;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.blob.BlobTransfer;
import dev.slipway.runner.artifact.ArtifactCollector;
import dev.slipway.runner.cache.BuildCache;
import dev.slipway.runner.compute.ComputeControlClient;
import dev.slipway.runner.compute.ComputeHost;
import dev.slipway.runner.compute.ComputeProperties;
import dev.slipway.runner.executor.BuildExecutor;
import dev.slipway.runner.executor.DockerClients;
import dev.slipway.runner.executor.DockerExecutor;
import dev.slipway.runner.executor.LocalProcessExecutor;
import dev.slipway.runner.git.GitCheckout;
import dev.slipway.runner.git.RepositoryPolicy;
import dev.slipway.runner.job.JobExecutionService;
import dev.slipway.runner.job.JobExecutionSettings;
import dev.slipway.runner.lease.ControlPlaneClient;
import dev.slipway.runner.lease.LeaseLoop;
import dev.slipway.runner.metrics.MeteredBlobStore;
import dev.slipway.runner.sandbox.BuildSandbox;
import dev.slipway.runner.sandbox.HostFirewall;
import dev.slipway.runner.sandbox.IsolatedNetworks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the runner from {@link RunnerProperties}. */
@Configuration(proxyBeanMethods = false)
class RunnerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RunnerConfiguration.class);

    /**
     * Without SLIPWAY_BLOB_STORE the runner needs nothing but HTTP: blobs go through the control plane's blob API
     * (which hands out presigned URLs when its store is S3). With it, the runner uses that store directly.
     */
    @Bean
    BlobStore blobStore(RunnerProperties properties) throws IOException {
        BlobStore store = properties.blobs().openOrThroughControlPlane(URI.create(properties.controlPlaneUrl()),
                properties.token(), BlobTransfer.RUNNER_PREFIX, properties.blobRoot());
        log.info("Blob store: {}", properties.blobs().throughControlPlane()
                ? "the control plane's blob API at " + properties.controlPlaneUrl() : store + " (SLIPWAY_BLOB_STORE)");
        return new MeteredBlobStore(store);
    }

    @Bean
    BuildExecutor buildExecutor(RunnerProperties properties) {
        if (properties.executor() != RunnerProperties.ExecutorKind.LOCAL) {
            DockerClient client = DockerClients.create();
            DockerExecutor docker = new DockerExecutor(client, properties.image(), properties.caBundle(),
                    properties.runnerId(), new BuildSandbox(properties.buildNetwork(), properties.pidsLimit()));
            if (docker.isAvailable()) {
                int reaped = docker.reapOrphans();
                new IsolatedNetworks(client, HostFirewall.system()).prepare(properties.buildNetwork(), "build");
                log.info("Build executor: docker (image {}, memory {}, cpus {}, pids {}, network {}){}",
                        properties.image(), properties.memory().toMegabytes() + "MB", properties.cpus(),
                        properties.pidsLimit(), properties.buildNetwork(),
                        reaped > 0 ? "; removed " + reaped + " orphaned build containers" : "");
                return docker;
            }
            if (properties.executor() == RunnerProperties.ExecutorKind.DOCKER) {
                throw new IllegalStateException("slipway.runner.executor=docker but no Docker engine answered a ping "
                        + "(is /var/run/docker.sock reachable, or DOCKER_HOST set?)");
            }
        }
        log.warn("Build executor: local processes{} - builds run unisolated as this user, without memory or CPU "
                        + "limits",
                properties.executor() == RunnerProperties.ExecutorKind.AUTO ? " (no Docker engine answered a ping)" : "");
        return new LocalProcessExecutor(properties.caBundle());
    }

    @Bean
    JobExecutionService jobExecutionService(RunnerProperties properties, BuildExecutor executor, BlobStore blobs) {
        JobExecutionSettings settings = new JobExecutionSettings(executor, properties.workRoot().toAbsolutePath(),
                properties.buildTimeout(), properties.memory().toBytes(), (long) (properties.cpus() * 1_000_000_000L),
                properties.runnerId(), properties.maxLogSize().toBytes());
        return new JobExecutionService(new GitCheckout(new RepositoryPolicy(properties.allowFileRepos())), settings,
                new ArtifactCollector(blobs), new BuildCache(blobs));
    }

    @Bean
    LeaseLoop leaseLoop(RunnerProperties properties, JobExecutionService jobs) {
        if (properties.token() == null || properties.token().isBlank()) {
            log.warn("SLIPWAY_RUNNER_TOKEN is not set; the control plane will refuse this runner");
        }
        return new LeaseLoop(new ControlPlaneClient(properties.controlPlaneUrl(), properties.token()), jobs,
                properties.runnerId(), properties.leaseWait(), properties.heartbeatInterval(),
                properties.maxConcurrentBuilds());
    }

    /**
     * The SSR compute host (issue 8), only with a Docker engine: apps run in containers, never as local processes.
     * Null (no bean) when disabled or without an engine, so a runner without Docker still builds.
     */
    @Bean
    ComputeHost computeHost(RunnerProperties properties, BlobStore blobs) {
        ComputeProperties compute = properties.compute();
        if (!compute.enabled()) {
            log.info("Compute host: disabled (slipway.runner.compute.enabled=false)");
            return null;
        }
        ComputeHost host = new ComputeHost(compute, DockerClients.create(), compute.imageOr(properties.image()), blobs,
                new ComputeControlClient(properties.controlPlaneUrl(), properties.token()), properties.runnerId(),
                properties.dataDir().resolve("compute").resolve("tmp"), properties.computeLogRoot());
        if (!host.engineAnswers()) {
            log.warn("Compute host: off - no Docker engine answered a ping, and SSR apps only run in containers");
            return null;
        }
        return host;
    }
}

package dev.slipway.runner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The build runner: leases jobs from the control plane and builds them; its only web server is for management
 * (probes and metrics, {@code SLIPWAY_RUNNER_MANAGEMENT_PORT}). With {@code build} as the
 * first argument it is {@code ./slipway build} instead: one local build, no Spring context (see {@link LocalBuild}).
 */
@SpringBootApplication
@EnableConfigurationProperties(RunnerProperties.class)
public class RunnerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(LocalBuild.COMMAND)) {
            LocalBuild.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(RunnerApplication.class, args);
    }
}

package dev.slipway.edge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The edge router: static sites from a plain Reactor Netty fast path, everything else through Spring Cloud Gateway on
 * the same port (architecture.md §2, stack-notes §5).
 */
@SpringBootApplication
@EnableConfigurationProperties(EdgeProperties.class)
public class EdgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(EdgeApplication.class, args);
    }
}

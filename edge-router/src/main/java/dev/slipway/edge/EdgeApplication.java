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
        nettyWithoutDebugChecks();
        SpringApplication.run(EdgeApplication.class, args);
    }

    /**
     * Netty's sampled leak tracking and per-access buffer checks cost the fast path about a tenth of its small-file
     * throughput (bench/edge-vs-nginx --pin: 1 KB 99-103k -> 105-115k req/s); the edge's buffers are the cache's
     * unreleasable ones and the codec's own. Set before any Netty buffer class loads; an explicit -D still wins.
     */
    static void nettyWithoutDebugChecks() {
        System.setProperty("io.netty.leakDetection.level",
                System.getProperty("io.netty.leakDetection.level", "disabled"));
        System.setProperty("io.netty.buffer.checkAccessible",
                System.getProperty("io.netty.buffer.checkAccessible", "false"));
        System.setProperty("io.netty.buffer.checkBounds", System.getProperty("io.netty.buffer.checkBounds", "false"));
    }
}

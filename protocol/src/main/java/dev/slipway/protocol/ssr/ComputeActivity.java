package dev.slipway.protocol.ssr;

import java.util.List;
import java.util.Map;

/**
 * What an edge tells a compute host about once a second ({@link ComputeApi#ACTIVITY}), and the answer.
 */
public final class ComputeActivity {

    private ComputeActivity() {
    }

    /** @param deploymentIds deployments the edge sent requests to since its last report, or still has open */
    public record Report(List<String> deploymentIds) {
        public Report {
            deploymentIds = List.copyOf(deploymentIds);
        }
    }

    /**
     * @param running deployment id to the container of each instance running on the host now; an edge forgets
     *                addresses of instances not listed, so it never sends a request to a port that was given away
     */
    public record Answer(Map<String, String> running) {
        public Answer {
            running = Map.copyOf(running);
        }
    }
}

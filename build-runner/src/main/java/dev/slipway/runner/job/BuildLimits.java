package dev.slipway.runner.job;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Amplify's control variables that change how the runner builds (reference §2.3): {@code _BUILD_TIMEOUT} in minutes
 * (5 to 120; out-of-range values are clamped, unreadable ones ignored, each with a line in the log) and
 * {@code _CUSTOM_IMAGE} (a local image; never pulled).
 *
 * @param timeout the build's timeout
 * @param image   the custom image, or null for the runner's build image
 */
record BuildLimits(Duration timeout, String image) {

    static final String TIMEOUT_VARIABLE = "_BUILD_TIMEOUT";
    static final String IMAGE_VARIABLE = "_CUSTOM_IMAGE";
    private static final int MIN_MINUTES = 5;
    private static final int MAX_MINUTES = 120;

    static BuildLimits of(Map<String, String> environment, Duration defaultTimeout, Consumer<String> log) {
        Duration timeout = defaultTimeout;
        String minutes = environment.get(TIMEOUT_VARIABLE);
        if (minutes != null && !minutes.isBlank()) {
            try {
                int asked = Integer.parseInt(minutes.strip());
                int used = Math.clamp(asked, MIN_MINUTES, MAX_MINUTES);
                if (used != asked) {
                    log.accept("[slipway] " + TIMEOUT_VARIABLE + "=" + asked + " is outside " + MIN_MINUTES + "-"
                            + MAX_MINUTES + " minutes; using " + used);
                }
                timeout = Duration.ofMinutes(used);
            } catch (NumberFormatException e) {
                log.accept("[slipway] " + TIMEOUT_VARIABLE + " must be a number of minutes; ignoring '" + minutes
                        + "' and using " + BuildStepRunner.describe(defaultTimeout));
            }
        }
        String image = environment.get(IMAGE_VARIABLE);
        return new BuildLimits(timeout, image == null || image.isBlank() ? null : image.strip());
    }
}

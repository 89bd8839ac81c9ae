package dev.slipway.runner.job;

import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.headers.CustomHeaders;
import dev.slipway.protocol.headers.CustomHttpException;
import dev.slipway.protocol.headers.CustomHttpFile;
import dev.slipway.protocol.headers.CustomHttpParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import dev.slipway.runner.spec.BuildPlan;

/**
 * Reads the repository root's {@code customHttp.yml} into the headers the deployment manifest carries
 * (amplify-hosting-reference.md §4.2: the file lives at the repository root, also for monorepos, whose
 * {@code applications[]} form is narrowed to the app being built). A file that cannot be read fails the build, as a
 * broken build spec does, rather than deploying without the headers the site relies on. Without the file, the
 * build spec's legacy {@code customHeaders} apply; with it, the file wins as a whole (it is the documented place,
 * and mixing two sources rule by rule would make a header's origin hard to see).
 */
final class CustomHttpCapture {

    static final String FILE_NAME = "customHttp.yml";

    private CustomHttpCapture() {
    }

    static CustomHeaders read(Path repositoryRoot, BuildPlan plan, Consumer<String> log) throws BuildFailure, IOException {
        Path file = repositoryRoot.resolve(FILE_NAME);
        CustomHeaders legacy = plan.legacyHeaders();
        if (!Files.isRegularFile(file)) {
            if (!legacy.isEmpty()) {
                log.accept("[slipway] customHeaders in the build spec (legacy location): " + legacy.rules().size()
                        + " header patterns");
            }
            return legacy;
        }
        if (!legacy.isEmpty()) {
            log.accept("[slipway] " + FILE_NAME + " takes precedence: the customHeaders in the build spec are ignored");
        }
        try {
            CustomHttpFile parsed = CustomHttpParser.parse(Files.readString(file, StandardCharsets.UTF_8), FILE_NAME);
            parsed.warnings().forEach(w -> log.accept("[slipway] " + FILE_NAME + " warning: " + w));
            CustomHeaders headers = parsed.forAppRoot(plan.environment().get(BuildSpec.MONOREPO_APP_ROOT_VARIABLE));
            log.accept("[slipway] " + FILE_NAME + ": " + headers.rules().size() + " header patterns");
            return headers;
        } catch (CustomHttpException e) {
            throw BuildFailure.failed("DEPLOY", e.getMessage());
        }
    }
}

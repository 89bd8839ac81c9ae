package dev.slipway.runner.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.slipway.protocol.buildspec.AppSpec;
import dev.slipway.protocol.buildspec.BuildSpec;
import dev.slipway.protocol.buildspec.BuildSpecException;
import dev.slipway.protocol.buildspec.BuildSpecParser;

/**
 * The install steps of the real amplify.yml fixtures, grouped by package manager. For every section (backend,
 * frontend) of every application, the install sequence is the section's commands up to and including its first
 * install command ({@code npm ci}, {@code npm install}, {@code yarn [install]}, {@code pnpm install}), kept only when
 * every command before it only prepares the toolchain ({@code corepack enable}, {@code npm install -g}, {@code nvm},
 * {@code node -v}, {@code pnpm config set}, comments): "plain npm/yarn/pnpm". Sequences with {@code cd}, subshells or
 * other tools are not plain and are left out.
 */
public final class FixtureInstalls {

    private static final Pattern INSTALL = Pattern.compile(
            "^(npm (ci|install|i)(?!.* (-g|--global)( |$))( .*)?|yarn( install)?( -.*)?|pnpm (install|i)( .*)?)$");
    private static final Pattern TOOLCHAIN = Pattern.compile(
            "^(#.*|corepack enable( [a-z]+)*|npm (install|i) (-g|--global) [@a-z0-9.^~ /-]+|nvm (install|use)( [^;&|]*)?"
                    + "|node (-v|--version)|pnpm config set [a-z-]+ [^;&|]+|source \"\\$\\{NVM_DIR}/nvm\\.sh\")$");

    private FixtureInstalls() {
    }

    /** Manager ({@code npm}, {@code pnpm}, {@code yarn}) → distinct install sequences, each a list of commands. */
    public static Map<String, Set<List<String>>> byManager(Path fixtureRoot) throws IOException {
        Map<String, Set<List<String>>> byManager = new TreeMap<>();
        for (BuildSpec spec : parsed(fixtureRoot)) {
            for (AppSpec app : spec.isMonorepo() ? spec.applications() : List.of(spec.app())) {
                sections(app).forEach(commands -> installSequence(commands).ifPresent(sequence -> byManager
                        .computeIfAbsent(manager(sequence.getLast()), m -> new TreeSet<>(FixtureInstalls::compare))
                        .add(sequence)));
            }
        }
        return byManager;
    }

    private static List<List<String>> sections(AppSpec app) {
        List<List<String>> sections = new ArrayList<>();
        sections.add(app.backend().all());
        if (app.frontend() != null) {
            sections.add(app.frontend().phases().all());
        }
        return sections;
    }

    static Optional<List<String>> installSequence(List<String> commands) {
        List<String> sequence = new ArrayList<>();
        for (String raw : commands) {
            String command = raw.strip().replaceAll("\\s+", " ");
            sequence.add(command);
            if (INSTALL.matcher(command).matches()) {
                return Optional.of(List.copyOf(sequence));
            }
            if (!TOOLCHAIN.matcher(command).matches()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String manager(String installCommand) {
        return installCommand.substring(0, installCommand.indexOf(' ') < 0 ? installCommand.length()
                : installCommand.indexOf(' '));
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join("\n", a).compareTo(String.join("\n", b));
    }

    private static List<BuildSpec> parsed(Path root) throws IOException {
        List<BuildSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try {
                    specs.add(BuildSpecParser.parse(Files.readString(file, StandardCharsets.UTF_8), "amplify.yml"));
                } catch (BuildSpecException malformed) {
                    // the docs' placeholder examples are not YAML; BuildSpecFixturesTests covers them
                }
            }
        }
        return specs;
    }
}

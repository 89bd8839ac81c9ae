package dev.slipway.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs with: its arguments, where it prints, the environment it reads settings from and, once asked
 * for, an API client for the configured Slipway.
 */
final class Context {

    private final Args args;
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream err;
    private final Output output;
    private final boolean terminal;
    private ApiClient api;

    Context(Args args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        this.args = args;
        this.env = env;
        this.in = in;
        this.err = err;
        this.terminal = terminal;
        this.output = new Output(out, err, args.flag("--json"));
    }

    Args args() {
        return args;
    }

    Map<String, String> env() {
        return env;
    }

    InputStream in() {
        return in;
    }

    PrintStream err() {
        return err;
    }

    Output output() {
        return output;
    }

    /** Whether standard error is a terminal a progress bar may redraw. */
    boolean terminal() {
        return terminal;
    }

    ApiClient api() {
        if (api == null) {
            api = new ApiClient(CliConfig.resolve(args, env));
        }
        return api;
    }

    /** {@code /api/v1/apps/<app>} and, with {@code --branch}, {@code /branches/<branch>} of the app in word n. */
    String appPath(int n) {
        return "/api/v1/apps/" + ApiClient.segment(args.word(n, "the app id"));
    }

    String branchPath(int appWord, int branchWord) {
        return appPath(appWord) + "/branches/" + ApiClient.segment(args.word(branchWord, "the branch name"));
    }
}

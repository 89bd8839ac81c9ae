package dev.slipway.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The user's command line for any Slipway, over its public API: {@code slipway <command> ...}. Exit codes: 0 done,
 * 1 refused by the API or a job that did not succeed, 2 a command line that cannot be run, 3 not logged in or the
 * token refused, 4 the server could not be reached.
 */
public final class SlipwayCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_LOGGED_IN = 3;
    static final int UNREACHABLE = 4;

    private static final Map<String, Command> COMMANDS = Map.ofEntries(
            Map.entry("login", LoginCommands::login),
            Map.entry("logout", LoginCommands::logout),
            Map.entry("apps", ListCommands::apps),
            Map.entry("branches", ListCommands::branches),
            Map.entry("jobs", ListCommands::jobs),
            Map.entry("deployments", ListCommands::deployments),
            Map.entry("domains", ListCommands::domains),
            Map.entry("build", JobCommands::build),
            Map.entry("logs", JobCommands::logs),
            Map.entry("rollback", JobCommands::rollback),
            Map.entry("deploy", DeployCommand::run),
            Map.entry("env", SettingCommands::env),
            Map.entry("secrets", SettingCommands::secrets));

    static final String USAGE_TEXT = """
            usage: slipway <command> [arguments] [--json] [--url URL] [--token TOKEN]
              login --url URL [--token T]        check and store a URL and an API token (else read from stdin)
              logout                             forget them
              apps                               the apps you can see
              branches <app>                     an app's branches, their live deployment and URL
              jobs <app> <branch>                a branch's jobs, newest first
              deployments <app> <branch>         a branch's deployments (* = live)
              domains <app>                      custom domains and their status
              build <app> <branch> [--commit SHA] [--wait | --follow]
                                                 start a build (exit 1 if it fails, with --wait/--follow)
              logs <app> <branch> <job> [-f]     a job's log; -f follows it to the end
              deploy <app> <branch> <folder|zip> [--no-wait] [--follow]
                                                 upload and deploy files without git
              rollback <app> <branch> [deployment]
                                                 make an earlier deployment live again, without a build
              env list|set|unset <app> [NAME=value | NAME ...] [--branch B]
              secrets list|set|unset <app> [NAME] [--branch B] [--value V]   (value from stdin unless --value)
            Settings: SLIPWAY_URL, SLIPWAY_TOKEN, SLIPWAY_CONFIG_DIR (else ~/.config/slipway).
            Exit codes: 0 done, 1 refused or failed, 2 usage, 3 not logged in, 4 unreachable.
            """;

    private SlipwayCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err, onTerminal()));
    }

    /**
     * JDK 22+ has a console even when redirected and says with isTerminal() (not in 21's API, the release built for);
     * on 21 a console exists only on a terminal.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Runs one command line; the process's streams and environment are parameters so tests run it in-process. */
    public static int run(String[] words, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
            boolean terminal) {
        try {
            Args args = Args.parse(words);
            String name = args.optionalWord(0).orElse("help");
            Command command = COMMANDS.get(name);
            if (command == null || args.flag("--help")) {
                (name.equals("help") || args.flag("--help") ? out : err).print(USAGE_TEXT);
                return name.equals("help") || args.flag("--help") ? OK : USAGE;
            }
            return command.run(new Context(args, env, in, out, err, terminal));
        } catch (UsageException e) {
            err.println("slipway: " + e.getMessage() + " (slipway help)");
            return USAGE;
        } catch (NotLoggedInException e) {
            err.println("slipway: " + e.getMessage());
            return NOT_LOGGED_IN;
        } catch (ApiException e) {
            err.println("slipway: " + e.getMessage()
                    + (e.status() == 401 ? " (the token is missing, wrong or revoked: slipway login)" : ""));
            return e.status() == 401 ? NOT_LOGGED_IN : FAILED;
        } catch (UnreachableException e) {
            err.println("slipway: " + e.getMessage());
            return UNREACHABLE;
        } catch (IOException | UncheckedIOException e) {
            err.println("slipway: " + e.getMessage());
            return FAILED;
        }
    }
}

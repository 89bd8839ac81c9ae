package dev.slipway.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code login} stores a Slipway URL and an API token (made on the console's Tokens page) after checking them against
 * the API; {@code logout} forgets them. The token is read from the terminal without echo, or from standard input.
 */
final class LoginCommands {

    private LoginCommands() {
    }

    static int login(Context context) throws IOException {
        String url = context.args().option("--url").or(() -> java.util.Optional.ofNullable(context.env()
                .get("SLIPWAY_URL"))).orElseThrow(() -> new UsageException("give the Slipway URL: slipway login "
                + "--url https://slipway.example.com"));
        String token = context.args().option("--token").orElseGet(() -> readToken(context));
        if (token.isBlank()) {
            throw new UsageException("no token given (create one on the console's Tokens page)");
        }
        CliConfig config = new CliConfig(CliConfig.parseUrl(url), token.strip());
        int apps = new ApiClient(config).get("/api/v1/apps").path("apps").size();
        Path file = CliConfig.file(context.env());
        config.write(file);
        context.output().info("Logged in to " + config.url() + " (" + apps + " app" + (apps == 1 ? "" : "s")
                + " visible); saved in " + file);
        return SlipwayCli.OK;
    }

    static int logout(Context context) throws IOException {
        Path file = CliConfig.file(context.env());
        context.output().info(Files.deleteIfExists(file) ? "Logged out: removed " + file : "Not logged in");
        return SlipwayCli.OK;
    }

    private static String readToken(Context context) {
        Console console = System.console();
        if (context.terminal() && console != null) {
            char[] typed = console.readPassword("API token (console -> Tokens): ");
            return typed == null ? "" : new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }
}

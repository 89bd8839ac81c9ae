package dev.slipway.runner.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Refuses connections from a container bridge to this machine's own addresses. Docker keeps bridge networks apart
 * and NATs them to the internet, but a container still reaches every port the host listens on through its gateway
 * address (and the host's other addresses): the control plane, the compute host, an edge, PostgreSQL, sshd. A
 * filter-table chain {@value #CHAIN}, jumped to from {@code INPUT} for each isolated bridge, lets replies to
 * connections the host opened (the compute host talking to an SSR container) and DNS through, and rejects the rest
 * (a reject, not a drop: a build's {@code curl} fails at once instead of hanging until its timeout).
 *
 * <p>Needs root and the {@code iptables} the engine uses, in the host's network namespace. Idempotent; runners on
 * one machine serialise on a lock file, so two starting together never leave a half-built chain. Forwarded traffic
 * (to other containers, through published ports) is Docker's isolation chains' business, not this class's.
 */
public final class HostFirewall {

    static final String CHAIN = "SLIPWAY-ISOLATION";
    /** The chain's rules in order, as {@code iptables -A CHAIN <rule>} takes them. */
    static final List<List<String>> RULES = List.of(
            List.of("-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "RETURN"),
            List.of("-p", "udp", "--dport", "53", "-j", "RETURN"),
            List.of("-p", "tcp", "--dport", "53", "-j", "RETURN"),
            List.of("-j", "REJECT"));

    /** Runs a command to its end: exit code and merged output. A program that is not installed throws. */
    @FunctionalInterface
    interface Commands {
        Result run(List<String> command) throws IOException, InterruptedException;
    }

    record Result(int code, String output) {
    }

    private final Commands commands;
    private final Predicate<String> interfaceVisible;
    private final Path lockFile;

    HostFirewall(Commands commands, Predicate<String> interfaceVisible, Path lockFile) {
        this.commands = commands;
        this.interfaceVisible = interfaceVisible;
        this.lockFile = lockFile;
    }

    public static HostFirewall system() {
        return new HostFirewall(HostFirewall::exec, iface -> Files.isDirectory(Path.of("/sys/class/net", iface)),
                Path.of(System.getProperty("java.io.tmpdir"), "slipway-firewall.lock"));
    }

    /**
     * Makes traffic from bridge {@code iface} to this machine go through {@value #CHAIN}.
     *
     * @return empty when the rules are in place, else why they could not be set up
     */
    public Optional<String> isolate(String iface) {
        if (!interfaceVisible.test(iface)) {
            return Optional.of("the bridge " + iface + " is not in this process's network namespace (does the runner "
                    + "run in a container?), so its firewall rules cannot be set from here");
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            ensureChain();
            List<String> jump = List.of("INPUT", "-i", iface, "-j", CHAIN);
            if (!succeeds(iptables("-C", jump))) {
                require(iptables("-I", List.of("INPUT", "1", "-i", iface, "-j", CHAIN)));
            }
            refuseLinkLocal(iface);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while setting firewall rules");
        }
    }

    /**
     * Link-local addresses are forwarded, not local: a cloud machine's metadata service (169.254.169.254) hands out
     * the machine's credentials to whoever asks, so a build must not reach it. Docker's {@code DOCKER-USER} chain is
     * where Docker expects such rules; without it (an engine run with {@code --iptables=false}) there is nothing
     * forwarded to filter here.
     */
    private void refuseLinkLocal(String iface) throws IOException, InterruptedException {
        if (!succeeds(iptables("-n", List.of("-L", "DOCKER-USER")))) {
            return;
        }
        List<String> rule = List.of("DOCKER-USER", "-i", iface, "-d", "169.254.0.0/16", "-j", "REJECT");
        if (!succeeds(iptables("-C", rule))) {
            require(iptables("-I", rule));
        }
    }

    /** The commands that set up the same rules by hand, for the warning when this process cannot. */
    static List<String> manualCommands(String iface) {
        List<String> lines = new ArrayList<>();
        lines.add("iptables -N " + CHAIN);
        RULES.forEach(rule -> lines.add("iptables -A " + CHAIN + " " + String.join(" ", rule)));
        lines.add("iptables -I INPUT 1 -i " + iface + " -j " + CHAIN);
        lines.add("iptables -I DOCKER-USER -i " + iface + " -d 169.254.0.0/16 -j REJECT");
        return lines;
    }

    /** Creates the chain, or rebuilds it when a rule is missing (an older version, a hand edit, a crash midway). */
    private void ensureChain() throws IOException, InterruptedException {
        if (!succeeds(iptables("-n", List.of("-L", CHAIN)))) {
            require(iptables("-N", List.of(CHAIN)));
        }
        for (List<String> rule : RULES) {
            if (!succeeds(iptables("-C", prefixed(rule)))) {
                require(iptables("-F", List.of(CHAIN)));
                for (List<String> each : RULES) {
                    require(iptables("-A", prefixed(each)));
                }
                return;
            }
        }
    }

    private static List<String> prefixed(List<String> rule) {
        List<String> args = new ArrayList<>(List.of(CHAIN));
        args.addAll(rule);
        return args;
    }

    private Result iptables(String action, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", action));
        command.addAll(args);
        return commands.run(command);
    }

    private static boolean succeeds(Result result) {
        return result.code() == 0;
    }

    private static void require(Result result) throws IOException {
        if (result.code() != 0) {
            throw new IOException("iptables failed (exit " + result.code() + "): " + result.output().strip());
        }
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new IOException(command.getFirst() + " could not be run (" + notInstalled.getMessage()
                    + "); install it (Debian: apt-get install iptables)", notInstalled);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 30 s");
        }
        return new Result(process.exitValue(), output);
    }
}

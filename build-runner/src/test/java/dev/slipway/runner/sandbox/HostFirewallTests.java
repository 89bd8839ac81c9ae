package dev.slipway.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFirewallTests {

    @TempDir
    Path temp;

    /** iptables as a set of present rules: -C/-L answer from it, -N/-A/-I/-F change it; every call is recorded. */
    private final Set<String> present = new HashSet<>();
    private final List<String> calls = new ArrayList<>();

    private HostFirewall.Result iptables(List<String> command) {
        String call = String.join(" ", command.subList(2, command.size()));
        calls.add(call);
        String action = command.get(2);
        String rest = String.join(" ", command.subList(3, command.size()));
        return switch (action) {
            case "-C" -> new HostFirewall.Result(present.contains(rest.replace("INPUT 1 ", "INPUT ")) ? 0 : 1, "");
            case "-n" -> new HostFirewall.Result(present.contains("chain " + command.get(4)) ? 0 : 1, "");
            case "-N" -> {
                present.add("chain " + rest);
                yield new HostFirewall.Result(0, "");
            }
            case "-F" -> {
                present.removeIf(rule -> rule.startsWith(rest + " "));
                yield new HostFirewall.Result(0, "");
            }
            case "-A", "-I" -> {
                present.add(rest.replace("INPUT 1 ", "INPUT "));
                yield new HostFirewall.Result(0, "");
            }
            default -> new HostFirewall.Result(2, "unexpected " + call);
        };
    }

    {
        present.add("chain DOCKER-USER");
    }

    private HostFirewall firewall(boolean interfaceVisible) {
        return new HostFirewall(this::iptables, iface -> interfaceVisible, temp.resolve("lock"));
    }

    @Test
    void aFreshMachineGetsTheChainAndAJumpFromInputFirst() {
        assertThat(firewall(true).isolate("slipway-builds")).isEmpty();

        assertThat(calls).containsSubsequence(
                "-N SLIPWAY-ISOLATION",
                "-F SLIPWAY-ISOLATION",
                "-A SLIPWAY-ISOLATION -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
                "-A SLIPWAY-ISOLATION -p udp --dport 53 -j RETURN",
                "-A SLIPWAY-ISOLATION -p tcp --dport 53 -j RETURN",
                "-A SLIPWAY-ISOLATION -j REJECT",
                "-I INPUT 1 -i slipway-builds -j SLIPWAY-ISOLATION",
                "-I DOCKER-USER -i slipway-builds -d 169.254.0.0/16 -j REJECT");
    }

    @Test
    void aSecondRunOnlyChecks() {
        firewall(true).isolate("slipway-builds");
        calls.clear();

        assertThat(firewall(true).isolate("slipway-builds")).isEmpty();

        assertThat(calls).allMatch(call -> call.startsWith("-C ") || call.startsWith("-n "));
    }

    @Test
    void aChainMissingARuleIsRebuiltInOrder() {
        firewall(true).isolate("slipway-builds");
        present.remove("SLIPWAY-ISOLATION -p tcp --dport 53 -j RETURN");
        calls.clear();

        firewall(true).isolate("slipway-compute");

        assertThat(calls).containsSubsequence("-F SLIPWAY-ISOLATION",
                "-A SLIPWAY-ISOLATION -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
                "-A SLIPWAY-ISOLATION -j REJECT", "-I INPUT 1 -i slipway-compute -j SLIPWAY-ISOLATION");
        assertThat(present).contains("INPUT -i slipway-builds -j SLIPWAY-ISOLATION");
    }

    @Test
    void saysWhyWhenTheBridgeIsInAnotherNetworkNamespace() {
        assertThat(firewall(false).isolate("slipway-builds")).hasValueSatisfying(reason ->
                assertThat(reason).contains("not in this process's network namespace"));
        assertThat(calls).isEmpty();
    }

    @Test
    void saysWhyWhenIptablesRefusesOrIsMissing() {
        HostFirewall refusing = new HostFirewall(command -> new HostFirewall.Result(4,
                "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)"),
                iface -> true, temp.resolve("lock"));
        assertThat(refusing.isolate("slipway-builds")).hasValueSatisfying(reason ->
                assertThat(reason).contains("exit 4", "you must be root"));

        HostFirewall missing = new HostFirewall(command -> {
            throw new IOException("iptables could not be run; install it");
        }, iface -> true, temp.resolve("lock"));
        assertThat(missing.isolate("slipway-builds")).hasValueSatisfying(reason -> assertThat(reason).contains("install"));
    }

    @Test
    void theManualCommandsMatchTheRules() {
        assertThat(HostFirewall.manualCommands("br-0123456789ab")).containsExactly(
                "iptables -N SLIPWAY-ISOLATION",
                "iptables -A SLIPWAY-ISOLATION -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
                "iptables -A SLIPWAY-ISOLATION -p udp --dport 53 -j RETURN",
                "iptables -A SLIPWAY-ISOLATION -p tcp --dport 53 -j RETURN",
                "iptables -A SLIPWAY-ISOLATION -j REJECT",
                "iptables -I INPUT 1 -i br-0123456789ab -j SLIPWAY-ISOLATION",
                "iptables -I DOCKER-USER -i br-0123456789ab -d 169.254.0.0/16 -j REJECT");
    }

    @Test
    void networkNamesThatFitAnInterfaceNameBecomeTheBridgesName() {
        assertThat(IsolatedNetworks.options("slipway-compute")).containsEntry(IsolatedNetworks.BRIDGE_NAME,
                "slipway-compute").containsEntry(IsolatedNetworks.ICC, "false");
        assertThat(IsolatedNetworks.options("a-network-name-too-long")).doesNotContainKey(IsolatedNetworks.BRIDGE_NAME)
                .containsEntry(IsolatedNetworks.ICC, "false");
    }
}

package dev.slipway.runner.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides whether containers labelled with an owner runner id were left behind: runner ids default to
 * {@code <hostname>-<pid>}, so a container is an orphan when it has no owner, belongs to this very runner id (a
 * previous process of the same id was killed), or belongs to a runner of this host whose pid is gone.
 *
 * <p>A pid means something only in the PID namespace it was taken in: a runner in a container with the host's
 * network has the host's name but sees none of the host's processes (and the host runner sees other processes under
 * the container runner's pid). Containers therefore also carry {@value #PID_NAMESPACE_LABEL}, and an owner from
 * another namespace is never judged.
 */
public final class OrphanOwners {

    public static final String PID_NAMESPACE_LABEL = "slipway.pidns";
    /** This process's PID namespace as the kernel names it ({@code pid:[4026531836]}), or "unknown". */
    public static final String PID_NAMESPACE = pidNamespace();

    private OrphanOwners() {
    }

    /** @param labels a container's labels; {@code ownerLabel} names the label holding its owner's id */
    public static boolean isOrphan(Map<String, String> labels, String ownerLabel, String runnerId) {
        Map<String, String> known = labels == null ? Map.of() : labels;
        return isOrphan(known.get(ownerLabel), known.get(PID_NAMESPACE_LABEL), runnerId);
    }

    /** @param ownerNamespace the owner's PID namespace, null for containers made before it was recorded */
    static boolean isOrphan(String owner, String ownerNamespace, String runnerId) {
        if (owner == null) {
            return true;
        }
        if (ownerNamespace != null && !ownerNamespace.equals(PID_NAMESPACE)) {
            return false;
        }
        if (owner.equals(runnerId)) {
            return true;
        }
        String host = runnerId.contains("-") ? runnerId.substring(0, runnerId.lastIndexOf('-')) : runnerId;
        if (!owner.startsWith(host + "-")) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(host.length() + 1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String pidNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "unknown";
        }
    }
}

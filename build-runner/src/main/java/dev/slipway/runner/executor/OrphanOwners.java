package dev.slipway.runner.executor;

/**
 * Decides whether containers labelled with an owner runner id were left behind: runner ids default to
 * {@code <hostname>-<pid>}, so a container is an orphan when it has no owner, belongs to this very runner id (a
 * previous process of the same id was killed), or belongs to a runner of this host whose pid is gone.
 */
public final class OrphanOwners {

    private OrphanOwners() {
    }

    public static boolean isOrphan(String owner, String runnerId) {
        if (owner == null || owner.equals(runnerId)) {
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
}

package dev.slipway.controlplane.job;

import dev.slipway.controlplane.support.Refusal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Amplify's job and step statuses, stored as text, and the job life cycle: {@link #mayBecome} is the one place that
 * says which status may follow which; the queue's SQL conditions are built from it ({@link #before}), never written
 * as status literals.
 */
public enum JobStatus {
    CREATED, PENDING, PROVISIONING, RUNNING, FAILED, SUCCEED, CANCELLING, CANCELLED;

    /** Waiting for a runner: a stop request cancels them at once. */
    public static final Set<JobStatus> QUEUED = EnumSet.of(CREATED, PENDING);
    /** On a runner: a stop request asks the runner to stop first ({@link #CANCELLING}). */
    public static final Set<JobStatus> ACTIVE = EnumSet.of(PROVISIONING, RUNNING);
    /** Statuses during which a runner holds a lease on the job. */
    public static final Set<JobStatus> LEASED = EnumSet.of(PROVISIONING, RUNNING, CANCELLING);

    private static final Map<JobStatus, Set<JobStatus>> NEXT = new EnumMap<>(Map.of(
            // a manual deployment created but not started: started, given up (upload URL expired), or stopped
            CREATED, EnumSet.of(PENDING, FAILED, CANCELLED),
            // leased by a runner, failed when it cannot be prepared for one, stopped by a user
            PENDING, EnumSet.of(PROVISIONING, FAILED, CANCELLED),
            // reported running, stopped, completed, or queued again when the runner's lease expired
            PROVISIONING, EnumSet.of(RUNNING, CANCELLING, SUCCEED, FAILED, CANCELLED, PENDING),
            RUNNING, EnumSet.of(CANCELLING, SUCCEED, FAILED, CANCELLED, PENDING),
            // whatever the runner reports, a job being stopped ends cancelled
            CANCELLING, EnumSet.of(CANCELLED)));

    public boolean isFinished() {
        return this == FAILED || this == SUCCEED || this == CANCELLED;
    }

    /** Whether a job in this status may move to {@code next}; finished jobs never move. */
    public boolean mayBecome(JobStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }

    /** The statuses a job may become {@code next} from. */
    public static Set<JobStatus> before(JobStatus next) {
        return Arrays.stream(values()).filter(s -> s.mayBecome(next))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(JobStatus.class)));
    }

    /** Outcomes a runner may report when it completes a job. */
    public static JobStatus completion(String reported) {
        JobStatus status = Arrays.stream(values()).filter(s -> s.name().equals(reported)).findFirst().orElse(null);
        if (status == null || !status.isFinished()) {
            throw Refusal.invalid("A job completes as SUCCEED, FAILED or CANCELLED, not " + reported);
        }
        return status;
    }

    /** A move the life cycle does not allow: a bug in the caller, never the client's doing. */
    static void requireMove(JobStatus from, JobStatus to) {
        if (!from.mayBecome(to)) {
            throw new IllegalStateException("A job cannot go from " + from + " to " + to);
        }
    }

    /** {@code 'A', 'B'} for an SQL {@code IN} list (enum names only, never input). */
    public static String sqlList(Set<JobStatus> statuses) {
        return statuses.stream().map(JobStatus::sql).reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    /** {@code 'A'}: this status as an SQL literal. */
    public String sql() {
        return "'" + name() + "'";
    }
}

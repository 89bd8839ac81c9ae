package dev.slipway.controlplane.job;

import java.util.EnumSet;
import java.util.Set;

/** Amplify's job and step statuses, stored as text. */
public enum JobStatus {
    CREATED, PENDING, PROVISIONING, RUNNING, FAILED, SUCCEED, CANCELLING, CANCELLED;

    /** Statuses during which a runner holds a lease on the job. */
    public static final Set<JobStatus> LEASED = EnumSet.of(PROVISIONING, RUNNING, CANCELLING);

    public boolean isFinished() {
        return this == FAILED || this == SUCCEED || this == CANCELLED;
    }

    /** Outcomes a runner may report when it completes a job. */
    public static JobStatus completion(String reported) {
        JobStatus status = valueOf(reported);
        if (!status.isFinished()) {
            throw new IllegalArgumentException("A job completes as SUCCEED, FAILED or CANCELLED, not " + reported);
        }
        return status;
    }

    public static String sqlList(Set<JobStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").reduce((a, b) -> a + ", " + b).orElseThrow();
    }
}

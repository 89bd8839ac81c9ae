package dev.slipway.controlplane.identity;

import dev.slipway.controlplane.cluster.ClusterTasks;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes expired console sessions from PostgreSQL, on one control plane at a time. Spring Session's own cleanup cron
 * (which every control plane would run) is off: {@code spring.session.jdbc.cleanup-cron: "-"} in application.yml.
 */
@Component
class SessionCleanup {

    private final JdbcIndexedSessionRepository sessions;
    private final ClusterTasks tasks;

    SessionCleanup(JdbcIndexedSessionRepository sessions, ClusterTasks tasks) {
        this.sessions = sessions;
        this.tasks = tasks;
    }

    @Scheduled(fixedDelayString = "${slipway.control-plane.session-cleanup:1m}")
    void tick() {
        tasks.runExclusive("session-cleanup", sessions::cleanUpExpiredSessions);
    }
}

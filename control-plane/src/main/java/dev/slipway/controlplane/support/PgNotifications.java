package dev.slipway.controlplane.support;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.slipway.protocol.net.Backoff;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Wakes long-polls, log streams and background loops on every control plane that shares the database. A writer
 * calls {@link #publish} inside the transaction of its change: PostgreSQL delivers the {@code NOTIFY} to every
 * listener when (and only if) that transaction commits, and this process's waiters are signalled after the commit
 * without the round trip. Each control plane keeps one connection outside the pool {@code LISTEN}ing on all
 * channels and turns notifications into {@link ChangeSignal}s.
 *
 * <p>A notification is a hint, never the source of truth: waiters re-read the database when woken and also every
 * {@link #recheck()}. While the listening connection is down (PostgreSQL restarting) notifications are lost, so
 * after each (re)connect every channel is signalled once: waiters re-read and miss nothing committed meanwhile.
 *
 * <p>The listening connection is also the first to notice that the server went away (it is always reading), so its
 * loss soft-evicts the pool: requests after a PostgreSQL restart get fresh connections instead of dead ones that
 * Hikari would trust unchecked for a moment after their last use.
 */
@Component
public class PgNotifications implements SmartLifecycle {

    /** What waits; one PostgreSQL channel each. Payloads are empty so PostgreSQL folds repeats in one transaction. */
    public enum Channel {
        /** a job became leasable: runners' lease long-polls */
        JOB_QUEUE("slipway_job_queue"),
        /** log lines or a status change of some job: log streams */
        JOB_LOGS("slipway_job_logs"),
        /** the route version moved: edges' route-feed long-polls */
        ROUTES("slipway_routes"),
        /** git host calls were queued: the outbox sender */
        OUTBOX("slipway_outbox"),
        /** build notifications were queued: the notification sender */
        NOTIFICATIONS("slipway_notifications");

        private final String pgName;

        Channel(String pgName) {
            this.pgName = pgName;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
    private static final Duration QUIET_CHECK = Duration.ofSeconds(5);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Map<Channel, ChangeSignal> signals = new EnumMap<>(Channel.class);
    private final JdbcClient jdbc;
    private final HikariDataSource dataSource;
    private final Duration recheck;
    private final ChangeSignal connected = new ChangeSignal();
    private volatile Thread listener;
    private volatile boolean listening;

    PgNotifications(JdbcClient jdbc, HikariDataSource dataSource, ControlPlaneProperties properties) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.recheck = properties.changeRecheck();
        for (Channel channel : Channel.values()) {
            signals.put(channel, new ChangeSignal());
        }
    }

    public ChangeSignal signal(Channel channel) {
        return signals.get(channel);
    }

    /** How long a waiter sleeps between database reads when nothing woke it. */
    public Duration recheck() {
        return recheck;
    }

    /** Call in the transaction of the change (at once when there is none): every control plane hears of it on commit. */
    public void publish(Channel channel) {
        jdbc.sql("SELECT pg_notify(?, '')").param(channel.pgName).query(rs -> { });
        AfterCommit.run(signals.get(channel)::signal);
    }

    /** Counts (re)connections of the listening connection; tests wait on it. */
    public ChangeSignal connected() {
        return connected;
    }

    /** Whether notifications from other control planes arrive right now. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        Thread thread = Thread.ofPlatform().name("pg-notifications").daemon().unstarted(this::listen);
        listener = thread; // before it runs: the loop lasts while it is the listener
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = listener;
        listener = null; // the thread closes its connection within one quiet check
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    private void listen() {
        Backoff backoff = new Backoff(MIN_BACKOFF, MAX_BACKOFF);
        boolean failing = false;
        while (listener == Thread.currentThread()) {
            boolean established = false;
            try (Connection open = connect()) {
                PGConnection pg = open.unwrap(PGConnection.class);
                try (Statement statement = open.createStatement()) {
                    for (Channel channel : Channel.values()) {
                        statement.execute("LISTEN " + channel.pgName);
                    }
                }
                if (failing) {
                    log.info("Listening for database notifications again");
                    failing = false;
                }
                backoff.reset();
                established = true;
                listening = true;
                signals.values().forEach(ChangeSignal::signal); // whatever was committed while nobody listened
                connected.signal();
                receive(open, pg);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (listener != Thread.currentThread()) {
                    return;
                }
                if (established) {
                    evictPooledConnections();
                }
                if (!failing) {
                    log.warn("Database notifications stopped ({}); waiters fall back to polling every {} until the "
                            + "connection is back", e.getMessage(), recheck);
                    failing = true;
                }
                if (!backoff.pauseUnlessInterrupted()) {
                    return;
                }
            }
        }
    }

    private void receive(Connection open, PGConnection pg) throws SQLException {
        while (listener == Thread.currentThread()) {
            PGNotification[] received = pg.getNotifications((int) QUIET_CHECK.toMillis());
            if (received != null && received.length > 0) {
                Arrays.stream(received).map(PGNotification::getName).distinct().forEach(this::dispatch);
            } else if (!open.isValid((int) QUIET_CHECK.toSeconds())) {
                // a server gone without closing the socket (failover, network) would otherwise leave us deaf
                throw new SQLException("the listening connection stopped answering");
            }
        }
    }

    private void evictPooledConnections() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections(); // idle ones close now, borrowed ones when returned
        }
    }

    private void dispatch(String pgName) {
        for (Channel channel : Channel.values()) {
            if (channel.pgName.equals(pgName)) {
                signals.get(channel).signal();
            }
        }
    }

    /** Its own connection, not the pool's: it is held for the life of the process. */
    private Connection connect() throws SQLException {
        Properties settings = new Properties();
        if (dataSource.getUsername() != null && !dataSource.getUsername().isBlank()) {
            settings.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            settings.setProperty("password", dataSource.getPassword());
        }
        settings.setProperty("connectTimeout", "5");
        settings.setProperty("loginTimeout", "10"); // a server going down mid-handshake must not leave us waiting
        settings.setProperty("tcpKeepAlive", "true");
        settings.setProperty("ApplicationName", "slipway-notifications");
        return DriverManager.getConnection(dataSource.getJdbcUrl(), settings);
    }
}

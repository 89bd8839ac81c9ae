package dev.slipway.controlplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.controlplane.SharedPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The lock SQL of {@link TaskLocks} and the rules of {@link ClusterTasks} against a real PostgreSQL: two holders, a
 * lapsed lease, renewal, a lost lock. A lapse is made by moving {@code expires_at} into the past (what the passing of
 * the hold does), not by waiting.
 */
class TaskLocksIntegrationTests {

    private static final Duration HOLD = Duration.ofSeconds(30);
    private static JdbcClient jdbc;
    private static TaskLocks locks;
    private static TaskRuns runs;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(SharedPostgres.jdbcUrl("task_locks_tests"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        locks = new TaskLocks(jdbc);
        runs = new TaskRuns(jdbc);
    }

    @Test
    void aLeaseRunningKeepsEveryOtherHolderOutAndItsHolderRenewsIt() {
        String task = unique();
        TaskLocks.Taken first = locks.acquire(task, "a", HOLD).orElseThrow();
        assertThat(first.previousHolder()).isNull();
        assertThat(locks.acquire(task, "b", HOLD)).as("held by a").isEmpty();
        TaskLocks.Taken again = locks.acquire(task, "a", HOLD).orElseThrow();
        assertThat(again.previousHolder()).isEqualTo("a");
        assertThat(again.databaseNow()).isAfterOrEqualTo(first.databaseNow());
        assertThat(jdbc.sql("SELECT expires_at - acquired_at >= interval '30 seconds' FROM task_locks WHERE name = ?")
                .param(task).query(Boolean.class).single()).as("the hold is counted on the database's clock").isTrue();
    }

    @Test
    void aLapsedLeaseIsTakenOverAndItsFormerHolderCanNeitherRenewNorRetakeIt() {
        String task = unique();
        locks.acquire(task, "a", HOLD).orElseThrow();
        lapse(task);
        TaskLocks.Taken taken = locks.acquire(task, "b", HOLD).orElseThrow();
        assertThat(taken.previousHolder()).isEqualTo("a");
        assertThat(locks.renew(List.of(task), "a", HOLD)).as("a lost it").isEmpty();
        assertThat(locks.acquire(task, "a", HOLD)).isEmpty();
        assertThat(locks.renew(List.of(task), "b", HOLD)).containsExactly(task);
    }

    @Test
    void renewalExtendsOnlyTheLeasesTheHolderStillHas() {
        String kept = unique();
        String lost = unique();
        locks.acquire(kept, "a", HOLD).orElseThrow();
        locks.acquire(lost, "a", HOLD).orElseThrow();
        lapse(kept);
        lapse(lost);
        locks.acquire(lost, "b", HOLD).orElseThrow();
        assertThat(locks.renew(List.of(kept, lost), "a", HOLD)).as("nobody took the lapsed one").containsExactly(kept);
        assertThat(jdbc.sql("SELECT expires_at > now() FROM task_locks WHERE name = ?").param(kept)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void releaseFreesTheLockAtOnceButOnlyForItsHolder() {
        String task = unique();
        locks.acquire(task, "a", HOLD).orElseThrow();
        locks.release(task, "b");
        assertThat(locks.acquire(task, "b", HOLD)).isEmpty();
        locks.release(task, "a");
        assertThat(locks.acquire(task, "b", HOLD)).isPresent();
    }

    @Test
    void ofManyControlPlanesRacingForAFreeLockExactlyOneGetsIt() throws Exception {
        String task = unique();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String holder = "racer-" + i;
            attempts.add(() -> {
                start.await();
                return locks.acquire(task, holder, HOLD).isPresent();
            });
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = attempts.stream().map(threads::submit).toList();
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void aTickRunsOnTheHolderOnlyAndIsTakenOverWhenItsLeaseLapses() {
        ClusterTasks a = new ClusterTasks(locks, runs, HOLD);
        ClusterTasks b = new ClusterTasks(locks, runs, HOLD);
        String task = unique();
        AtomicInteger onA = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        for (int tick = 0; tick < 3; tick++) {
            assertThat(a.runExclusive(task, onA::incrementAndGet)).isTrue();
            assertThat(b.runExclusive(task, onB::incrementAndGet)).as("skipped on b").isFalse();
        }
        assertThat(onA).hasValue(3);
        assertThat(onB).hasValue(0);
        assertThat(holdersOfRuns(task)).containsExactly(a.holder(), a.holder(), a.holder());

        lapse(task); // a stopped renewing: killed, or cut off from the database
        assertThat(b.runExclusive(task, onB::incrementAndGet)).isTrue();
        assertThat(a.runExclusive(task, onA::incrementAndGet)).as("a's next tick skips").isFalse();
        assertThat(a.isHeld(task)).isFalse();
        assertThat(onB).hasValue(1);
        assertThat(holdersOfRuns(task)).endsWith(b.holder());
    }

    @Test
    void aLoopLearnsAtItsHoldersNextRenewalThatItsLockWasTakenOver() {
        ClusterTasks a = new ClusterTasks(locks, runs, HOLD);
        ClusterTasks b = new ClusterTasks(locks, runs, HOLD);
        String task = unique();
        assertThat(a.claim(task)).isTrue();
        assertThat(b.claim(task)).isFalse();
        a.renewAll();
        assertThat(a.isHeld(task)).isTrue();

        lapse(task);
        assertThat(b.claim(task)).isTrue();
        assertThat(a.isHeld(task)).as("a cannot know before it asks").isTrue();
        a.renewAll();
        assertThat(a.isHeld(task)).isFalse();
        assertThat(a.claim(task)).isFalse();
        assertThat(holdersOfRuns(task)).containsExactly(a.holder(), b.holder());
    }

    @Test
    void aHolderThatStopsFreesItsLocksForTheNextTick() {
        ClusterTasks a = new ClusterTasks(locks, runs, HOLD);
        ClusterTasks b = new ClusterTasks(locks, runs, HOLD);
        String task = unique();
        a.start();
        assertThat(a.runExclusive(task, () -> { })).isTrue();
        a.stop();
        assertThat(b.runExclusive(task, () -> { })).isTrue();
    }

    @Test
    void theRunLogKeepsAnHour() {
        String task = unique();
        jdbc.sql("INSERT INTO task_runs (name, holder, started_at, finished_at) "
                + "VALUES (?, 'a', now() - interval '61 minutes', now() - interval '61 minutes')").param(task).update();
        runs.record(task, "a", jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant());
        assertThat(holdersOfRuns(task)).hasSize(1);
    }

    private static void lapse(String task) {
        jdbc.sql("UPDATE task_locks SET expires_at = now() - interval '1 millisecond' WHERE name = ?").param(task)
                .update();
    }

    private static List<String> holdersOfRuns(String task) {
        return jdbc.sql("SELECT holder FROM task_runs WHERE name = ? ORDER BY id").param(task).query(String.class)
                .list();
    }

    private static String unique() {
        return "task-" + UUID.randomUUID();
    }
}

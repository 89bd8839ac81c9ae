package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.BackgroundLoop;
import dev.slipway.controlplane.support.ChangeSignal;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The background worker that empties the outbox: claims due calls and makes them concurrently on virtual threads,
 * so one slow host never delays another app's statuses, and job processing never waits for any host. Calls left by
 * a killed control plane are picked up on the next start (their claim lapses). With several control planes the loop
 * works only on the holder of task {@value #TASK}; the others check every poll interval whether it became free.
 */
@Component
class OutboxSender extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 50;
    static final String TASK = "git-host-outbox";

    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final GitHostProperties properties;
    private final ClusterTasks tasks;
    private final PgNotifications notifications;
    private final ChangeSignal wakeUp;

    OutboxSender(OutboxRepository outbox, OutboxDelivery delivery, GitHostProperties properties, ClusterTasks tasks,
            PgNotifications notifications) {
        super("git-host-outbox");
        this.notifications = notifications;
        this.wakeUp = notifications.signal(Channel.OUTBOX);
        this.outbox = outbox;
        this.delivery = delivery;
        this.properties = properties;
        this.tasks = tasks;
    }

    /**
     * Call in the transaction that queued calls: the sender looks on commit rather than at the next poll, on
     * whichever control plane runs it.
     */
    void wake() {
        notifications.publish(Channel.OUTBOX);
    }

    @Override
    protected void run() {
        Duration claim = properties.requestTimeout().multipliedBy(3).plusSeconds(5);
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            while (looping()) {
                long generation = wakeUp.generation();
                try {
                    if (!tasks.claim(TASK)) {
                        Thread.sleep(properties.pollInterval());
                        continue;
                    }
                    List<OutboxEntry> due = outbox.claimDue(BATCH, claim);
                    for (Future<?> call : due.stream().map(entry -> calls.submit(() -> delivery.deliver(entry)))
                            .toList()) {
                        call.get();
                    }
                    if (due.isEmpty()) {
                        wakeUp.awaitAfter(generation, properties.pollInterval());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.warn("The git host outbox could not be read; trying again: {}", e.toString());
                    if (!ChangeSignal.sleepQuietly(properties.pollInterval().toMillis())) {
                        return;
                    }
                }
            }
        }
    }
}

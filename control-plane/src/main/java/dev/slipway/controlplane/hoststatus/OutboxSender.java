package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.ChangeSignal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background worker that empties the outbox: claims due calls and makes them concurrently on virtual threads,
 * so one slow host never delays another app's statuses, and job processing never waits for any host. Calls left by
 * a killed control plane are picked up on the next start (their claim lapses). With several control planes the loop
 * works only on the holder of task {@value #TASK}; the others check every poll interval whether it became free.
 */
@Component
class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 50;
    static final String TASK = "git-host-outbox";

    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final GitHostProperties properties;
    private final ClusterTasks tasks;
    private final ChangeSignal wakeUp = new ChangeSignal();
    private volatile Thread loop;

    OutboxSender(OutboxRepository outbox, OutboxDelivery delivery, GitHostProperties properties, ClusterTasks tasks) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.properties = properties;
        this.tasks = tasks;
    }

    /** New calls were committed: look now rather than at the next poll. */
    void wake() {
        wakeUp.signal();
    }

    @Override
    public void start() {
        Thread thread = Thread.ofVirtual().name("git-host-outbox").unstarted(this::run);
        loop = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread running = loop;
        loop = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    private void run() {
        Duration claim = properties.requestTimeout().multipliedBy(3).plusSeconds(5);
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            while (loop == Thread.currentThread()) {
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

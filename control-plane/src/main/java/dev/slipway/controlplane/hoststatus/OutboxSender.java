package dev.slipway.controlplane.hoststatus;

import dev.slipway.controlplane.cluster.ClusterTasks;
import dev.slipway.controlplane.support.OutboxLoop;
import dev.slipway.controlplane.support.PgNotifications;
import dev.slipway.controlplane.support.PgNotifications.Channel;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The background worker that empties the outbox: claims due calls and makes them concurrently ({@link OutboxLoop}),
 * so one slow host never delays another app's statuses, and job processing never waits for any host. Calls left by
 * a killed control plane are picked up on the next start (their claim lapses). With several control planes the loop
 * works only on the holder of task {@value #TASK}; the others check every poll interval whether it became free.
 */
@Component
class OutboxSender extends OutboxLoop<OutboxEntry> {

    static final String TASK = "git-host-outbox";

    private final OutboxRepository outbox;
    private final OutboxDelivery delivery;
    private final GitHostProperties properties;
    private final PgNotifications notifications;

    OutboxSender(OutboxRepository outbox, OutboxDelivery delivery, GitHostProperties properties, ClusterTasks tasks,
            PgNotifications notifications) {
        super("git-host-outbox", () -> tasks.claim(TASK), notifications.signal(Channel.OUTBOX));
        this.notifications = notifications;
        this.outbox = outbox;
        this.delivery = delivery;
        this.properties = properties;
    }

    /**
     * Call in the transaction that queued calls: the sender looks on commit rather than at the next poll, on
     * whichever control plane runs it.
     */
    void wake() {
        notifications.publish(Channel.OUTBOX);
    }

    @Override
    protected Duration pollInterval() {
        return properties.pollInterval();
    }

    @Override
    protected Duration claimDuration() {
        return properties.requestTimeout().multipliedBy(3).plusSeconds(5);
    }

    @Override
    protected List<OutboxEntry> claimDue(int limit, Duration claim) {
        return outbox.claimDue(limit, claim);
    }

    @Override
    protected void deliver(OutboxEntry entry) {
        delivery.deliver(entry);
    }
}

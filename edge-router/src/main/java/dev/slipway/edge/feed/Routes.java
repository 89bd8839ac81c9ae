package dev.slipway.edge.feed;

import dev.slipway.edge.site.RoutingTable;
import dev.slipway.edge.site.RoutingTableBuilder;
import dev.slipway.protocol.edge.RouteSnapshot;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's current routing table: one volatile reference, read lock-free by every request and replaced whole by
 * {@link #apply}. The disk snapshot is loaded in the constructor, i.e. before the web server starts, so the first
 * request after a restart is already served (static stability: the control plane may be down).
 *
 * <p>{@link #apply} is called by one thread (the feed); readers may call {@link #current} from any thread.
 */
public final class Routes {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    private final RoutingTableBuilder builder;
    private final SnapshotStore store;
    private final Consumer<RoutingTable> applied;
    private final Consumer<RouteSnapshot> received;
    private volatile RoutingTable current = RoutingTable.EMPTY;
    private volatile long confirmedAtMillis = System.currentTimeMillis();

    public Routes(RoutingTableBuilder builder, SnapshotStore store) {
        this(builder, store, table -> { });
    }

    /** @param applied told of every table put in force (the disk cache prefetches its blobs); must not block */
    public Routes(RoutingTableBuilder builder, SnapshotStore store, Consumer<RoutingTable> applied) {
        this(builder, store, applied, snapshot -> { });
    }

    /**
     * @param received told of every snapshot just before its table is put in force (the firewall compiles its rules
     *                 from it); must not block
     */
    public Routes(RoutingTableBuilder builder, SnapshotStore store, Consumer<RoutingTable> applied,
            Consumer<RouteSnapshot> received) {
        this.builder = builder;
        this.store = store;
        this.applied = applied;
        this.received = received;
        loadFromDisk();
    }

    public RoutingTable current() {
        return current;
    }

    public long version() {
        return current.version();
    }

    /** When the control plane last said the table in force is current (or the edge started, if it never did). */
    public long confirmedAtMillis() {
        return confirmedAtMillis;
    }

    /** The control plane answered: nothing newer than the table in force. */
    public void confirmed() {
        confirmedAtMillis = System.currentTimeMillis();
    }

    /**
     * Builds a table from {@code snapshot}, swaps it in, then persists the snapshot. Older or equal versions are
     * ignored so a late or repeated answer cannot roll the edge back.
     *
     * @return whether the snapshot was applied
     */
    public boolean apply(RouteSnapshot snapshot) {
        RoutingTable previous = current;
        if (snapshot.version() <= previous.version() && previous != RoutingTable.EMPTY) {
            return false;
        }
        RoutingTable next = builder.build(snapshot, previous);
        received.accept(snapshot);
        current = next;
        confirmed();
        applied.accept(current);
        log.info("Route version {} applied: {} host(s)", snapshot.version(), current.sites().size());
        try {
            store.save(snapshot);
        } catch (IOException e) {
            // serving already uses the new table; only a restart without the control plane would see the old one
            log.error("Could not persist route snapshot {} to {}: {}", snapshot.version(), store.file(), e.toString());
        }
        return true;
    }

    private void loadFromDisk() {
        try {
            store.load().ifPresentOrElse(snapshot -> {
                RoutingTable loaded = builder.build(snapshot, RoutingTable.EMPTY);
                received.accept(snapshot);
                current = loaded;
                applied.accept(current);
                log.info("Serving route version {} from {} ({} host(s)) until the control plane answers",
                        snapshot.version(), store.file(), current.sites().size());
            }, () -> log.info("No route snapshot at {} yet; serving nothing until the control plane answers",
                    store.file()));
        } catch (IOException e) {
            log.error("Ignoring the route snapshot on disk: {}", e.getMessage());
        }
    }
}

package dev.slipway.e2e.deploy;

import dev.slipway.e2e.security.RawHttp;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET requests at a fixed rate, each on a new connection that the server closes after answering ({@code Connection:
 * close}): no client library retries anything, so a refused or reset connection, a timeout or any answer but the
 * expected page counts as a lost request.
 */
final class PacedLoad implements AutoCloseable {

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(16);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private PacedLoad() {
    }

    /** Starts sending {@code perSecond} requests a second to 127.0.0.1:{@code port} for {@code host}'s root. */
    static PacedLoad start(int port, String host, String expectedText, int perSecond) {
        PacedLoad load = new PacedLoad();
        load.clock.scheduleAtFixedRate(() -> load.senders.execute(() -> load.one(port, host, expectedText)),
                0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
    }

    private void one(int port, String host, String expectedText) {
        long started = System.nanoTime();
        int number = sent.incrementAndGet();
        try {
            String answer = RawHttp.exchange(port, "GET / HTTP/1.1", "Host: " + host, "Connection: close");
            if (answer.startsWith("HTTP/1.1 200") && answer.contains(expectedText)) {
                served.incrementAndGet();
            } else {
                failures.add("#" + number + ": " + answer.lines().findFirst().orElse("(empty answer)"));
            }
        } catch (IOException e) {
            failures.add("#" + number + " after " + (System.nanoTime() - started) / 1_000_000 + " ms: " + e);
        }
    }

    int sent() {
        return sent.get();
    }

    int served() {
        return served.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops sending and waits for the requests under way. */
    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);
    }
}

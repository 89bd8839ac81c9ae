package dev.slipway.controlplane.job;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.PgNotifications;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A job's build log as server-sent events: each line is an event whose id is its line number, so a client that
 * reconnects with {@code Last-Event-ID} resumes after the last line it got. A {@code status} event announces each
 * status change; an {@code end} event (data: the final status) closes the stream once the job ended and every line
 * was sent. Each stream runs on a virtual thread that sleeps on the log writer's signal (lines or status changes committed on
 * any control plane) between database reads.
 */
@Component
public class JobLogStreams {

    private static final Logger log = LoggerFactory.getLogger(JobLogStreams.class);
    private static final Duration MAX_STREAM = Duration.ofHours(2);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int PAGE = 500;

    private final JobRepository jobs;
    private final JobLogWriter writer;
    private final Duration idleWait;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    JobLogStreams(JobRepository jobs, JobLogWriter writer, PgNotifications notifications) {
        this.jobs = jobs;
        this.writer = writer;
        this.idleWait = notifications.recheck();
    }

    /**
     * @param lastEventId the {@code Last-Event-ID} header (or {@code from - 1} given by the page); null from the start
     * @param render      how a line becomes event data (raw text for the API, HTML for the console)
     */
    public SseEmitter open(Job job, String lastEventId, UnaryOperator<String> render) {
        long from = firstLine(lastEventId);
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        threads.execute(() -> pump(job.id(), from, render, emitter, open));
        return emitter;
    }

    private void pump(long jobId, long from, UnaryOperator<String> render, SseEmitter emitter, AtomicBoolean open) {
        long next = from;
        JobStatus announced = null;
        Instant lastSent = Instant.now();
        try {
            while (open.get()) {
                long generation = writer.appended().generation();
                List<LogLine> page = jobs.logPage(jobId, next, PAGE);
                for (LogLine line : page) {
                    emitter.send(SseEmitter.event().id(Long.toString(line.lineNo()))
                            .data(rendered(render, jobId, line)));
                    next = line.lineNo() + 1;
                }
                if (!page.isEmpty()) {
                    lastSent = Instant.now();
                    continue;
                }
                JobStatus status = jobs.findById(jobId).map(Job::status).orElse(JobStatus.CANCELLED);
                if (status != announced) {
                    emitter.send(SseEmitter.event().name("status").data(status.name()));
                    announced = status;
                    lastSent = Instant.now();
                }
                // lines written before the job ended are all stored by now: one empty read after the end suffices
                if (status.isFinished() && jobs.logPage(jobId, next, 1).isEmpty()) {
                    emitter.send(SseEmitter.event().name("end").data(status.name()));
                    emitter.complete();
                    return;
                }
                if (Instant.now().isAfter(lastSent.plus(KEEP_ALIVE))) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastSent = Instant.now();
                }
                writer.appended().awaitAfter(generation, idleWait);
            }
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e); // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            // e.g. the database went away: end the stream (the client reconnects) rather than leave it hanging
            log.warn("Job {}: the log stream stopped", jobId, e);
            emitter.completeWithError(e);
        }
    }

    /**
     * A line the renderer cannot handle goes out empty (its id kept, so the client's count stays right) instead of
     * ending this stream's thread with the stream left open and silent.
     */
    private static String rendered(UnaryOperator<String> render, long jobId, LogLine line) {
        try {
            return render.apply(oneLine(line.text()));
        } catch (RuntimeException e) {
            log.warn("Job {}: log line {} could not be rendered; sent empty", jobId, line.lineNo(), e);
            return "";
        }
    }

    /** An SSE data field ends at a line break, so a stray CR or LF inside a stored line must not split it. */
    private static String oneLine(String text) {
        return text.replace("\r", "").replace('\n', ' ');
    }

    private static long firstLine(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.trim()) + 1);
        } catch (NumberFormatException e) {
            throw Refusal.invalid("'Last-Event-ID' must be a line number (got '" + lastEventId + "').");
        }
    }
}

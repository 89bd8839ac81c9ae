package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.job.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Build durations of a branch's recent jobs as bar geometry for an inline SVG (oldest left), plus the success rate of
 * the finished ones. Drawn on the server: no chart script, nothing from a CDN, readable without JavaScript.
 */
final class BuildChart {

    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    private static final int GAP = 4;

    /** One job's bar; {@code label} is its tooltip ("#12 SUCCEED in 42 s"). */
    record Bar(int x, int y, int width, int height, String css, String label) {
    }

    record Chart(List<Bar> bars, int width, int height, String longest, int successPercent, int finished) {
    }

    private BuildChart() {
    }

    /** @param newestFirst jobs as the branch page lists them */
    static Chart of(List<Job> newestFirst) {
        List<Job> timed = new ArrayList<>();
        for (Job job : newestFirst.reversed()) {
            if (job.startTime() != null && job.endTime() != null) {
                timed.add(job);
            }
        }
        long longest = timed.stream().mapToLong(BuildChart::seconds).max().orElse(1);
        int slot = timed.isEmpty() ? WIDTH : WIDTH / Math.max(timed.size(), 10);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            Job job = timed.get(i);
            long seconds = seconds(job);
            int height = Math.max(2, (int) Math.round((HEIGHT - 4) * (double) seconds / Math.max(longest, 1)));
            bars.add(new Bar(i * slot, HEIGHT - height, slot - GAP, height,
                    "bar-" + job.status().name().toLowerCase(Locale.ROOT),
                    "#" + job.jobId() + " " + job.status() + " in " + human(seconds)));
        }
        long finished = newestFirst.stream().filter(job -> job.status().isFinished()).count();
        long succeeded = newestFirst.stream().filter(job -> job.status() == JobStatus.SUCCEED).count();
        int percent = finished == 0 ? 0 : (int) Math.round(100.0 * succeeded / finished);
        return new Chart(bars, WIDTH, HEIGHT, human(longest), percent, (int) finished);
    }

    private static long seconds(Job job) {
        return Math.max(0, Duration.between(job.startTime(), job.endTime()).toSeconds());
    }

    static String human(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}

package dev.slipway.controlplane.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.controlplane.support.Refusal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class JobStatusTests {

    @Test
    void theQueueMovesOnlyAlongTheLifeCycle() {
        assertThat(JobStatus.before(JobStatus.PROVISIONING)).containsExactly(JobStatus.PENDING);
        assertThat(JobStatus.before(JobStatus.RUNNING)).containsExactly(JobStatus.PROVISIONING);
        assertThat(JobStatus.before(JobStatus.CANCELLING)).isEqualTo(JobStatus.ACTIVE);
        assertThat(JobStatus.QUEUED).allMatch(s -> s.mayBecome(JobStatus.CANCELLED));
        assertThat(JobStatus.LEASED).allMatch(s -> s.mayBecome(JobStatus.CANCELLED));
        assertThat(JobStatus.ACTIVE).allMatch(s -> s.mayBecome(JobStatus.PENDING)); // an expired lease queues again
        assertThat(JobStatus.PENDING.mayBecome(JobStatus.FAILED)).as("a job that cannot be prepared").isTrue();
    }

    @Test
    void finishedJobsNeverMoveAndCancellingOnlyEndsCancelled() {
        for (JobStatus finished : EnumSet.of(JobStatus.SUCCEED, JobStatus.FAILED, JobStatus.CANCELLED)) {
            assertThat(EnumSet.allOf(JobStatus.class)).noneMatch(finished::mayBecome);
        }
        assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus.CANCELLING::mayBecome))
                .containsExactly(JobStatus.CANCELLED);
        assertThatThrownBy(() -> JobStatus.requireMove(JobStatus.SUCCEED, JobStatus.PENDING))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunnerCompletesOnlyWithAnOutcome() {
        assertThat(JobStatus.completion("SUCCEED")).isEqualTo(JobStatus.SUCCEED);
        for (String reported : new String[] {"RUNNING", "DONE", null}) {
            assertThatThrownBy(() -> JobStatus.completion(reported)).isInstanceOf(Refusal.class)
                    .hasMessageContaining("SUCCEED, FAILED or CANCELLED");
        }
    }

    @Test
    void sqlListsAreQuotedNames() {
        assertThat(JobStatus.sqlList(JobStatus.QUEUED)).isEqualTo("'CREATED', 'PENDING'");
    }
}

package dev.slipway.controlplane.job.web;

import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.job.JobQueue;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.runner.CompletionAck;
import dev.slipway.protocol.runner.HeartbeatResponse;
import dev.slipway.protocol.runner.JobCompletion;
import dev.slipway.protocol.runner.LeaseRequest;
import dev.slipway.protocol.runner.LeasedJob;
import dev.slipway.protocol.runner.LogAck;
import dev.slipway.protocol.runner.LogBatch;
import dev.slipway.protocol.runner.RunnerApi;
import dev.slipway.protocol.runner.StepReport;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The runner protocol (runner tokens only); contract in {@link RunnerApi} and {@link JobQueue}. */
@RestController
@RoleExempt("runners prove themselves with the runner token (SecurityConfiguration)")
class RunnerController {

    private static final long MAX_WAIT_MILLIS = 60_000;

    private final JobQueue queue;

    RunnerController(JobQueue queue) {
        this.queue = queue;
    }

    @PostMapping(RunnerApi.LEASE)
    ResponseEntity<LeasedJob> lease(@RequestBody LeaseRequest request) throws InterruptedException {
        if (request.runnerId() == null || request.runnerId().isBlank()) {
            throw Refusal.invalid("'runnerId' is required.");
        }
        Duration wait = Duration.ofMillis(Math.clamp(request.waitMillis(), 0, MAX_WAIT_MILLIS));
        return queue.lease(request.runnerId(), wait).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping(RunnerApi.HEARTBEAT)
    HeartbeatResponse heartbeat(@PathVariable long jobId, @RequestHeader(RunnerApi.LEASE_HEADER) String leaseId) {
        return queue.heartbeat(jobId, leaseId).orElseThrow(RunnerController::leaseLost);
    }

    @PostMapping(RunnerApi.LOGS)
    LogAck logs(@PathVariable long jobId, @RequestHeader(RunnerApi.LEASE_HEADER) String leaseId,
            @RequestBody LogBatch batch) {
        return queue.appendLogs(jobId, leaseId, batch).orElseThrow(RunnerController::leaseLost);
    }

    @PostMapping(RunnerApi.STEPS)
    ResponseEntity<Void> step(@PathVariable long jobId, @RequestHeader(RunnerApi.LEASE_HEADER) String leaseId,
            @RequestBody StepReport report) {
        if (!queue.reportStep(jobId, leaseId, report)) {
            throw leaseLost();
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(RunnerApi.COMPLETE)
    CompletionAck complete(@PathVariable long jobId, @RequestHeader(RunnerApi.LEASE_HEADER) String leaseId,
            @RequestBody JobCompletion completion) {
        return queue.complete(jobId, leaseId, completion).orElseThrow(RunnerController::leaseLost);
    }

    private static Refusal leaseLost() {
        return Refusal.conflict("This lease is no longer valid: the job was re-queued, stopped or finished.");
    }
}

package dev.slipway.controlplane.job;

import java.time.Instant;

public record JobStep(String stepName, JobStatus status, String statusReason, Instant startTime, Instant endTime) {
}

package dev.slipway.controlplane.job;

/** One stored build log line; {@code lineNo} counts from 0 over all attempts of the job. */
public record LogLine(long lineNo, String text) {
}

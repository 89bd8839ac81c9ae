package dev.slipway.controlplane.job;

/**
 * A job was queued, started running or ended. Published synchronously inside the transaction that made the change, so
 * listeners that write (the git host outbox) commit or roll back with it; listeners must be quick and must not call
 * out of the process.
 */
public record JobStateChanged(Job job) {
}

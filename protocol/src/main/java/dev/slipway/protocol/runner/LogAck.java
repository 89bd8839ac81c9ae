package dev.slipway.protocol.runner;

/** @param next number of the next line the control plane expects (all lines below it are stored) */
public record LogAck(long next) {
}

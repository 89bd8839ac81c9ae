package dev.slipway.protocol.runner;

/** @param deploymentId the deployment created for a successful job, or null */
public record CompletionAck(String deploymentId) {
}

package dev.slipway.protocol.buildspec;

/** {@code test}: phases and artifacts; artifacts may be null. */
public record TestSpec(TestPhases phases, TestArtifacts artifacts) {

    public TestSpec {
        phases = phases == null ? TestPhases.EMPTY : phases;
    }
}

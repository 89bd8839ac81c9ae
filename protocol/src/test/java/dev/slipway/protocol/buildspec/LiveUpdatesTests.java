package dev.slipway.protocol.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LiveUpdatesTests {

    @Test
    void nodeAndNpmPackagesBecomeCommandsInOrderOthersWarnings() {
        LiveUpdates.Plan plan = LiveUpdates.plan("""
                [{"name":"Amplify CLI","pkg":"@aws-amplify/cli","type":"npm","version":"latest"},
                 {"name":"Node.js version","pkg":"node","type":"nvm","version":"20.11"},
                 {"pkg":"hugo","type":"hugo","version":"0.111.3"}]""");
        assertThat(plan.commands()).containsExactly("npm install -g @aws-amplify/cli@latest", "nvm install 20.11");
        assertThat(plan.warnings()).singleElement().asString().contains("hugo of type hugo is not supported");
    }

    @Test
    void absentOrBlankMeansNothing() {
        assertThat(LiveUpdates.plan(null)).isSameAs(LiveUpdates.Plan.NONE);
        assertThat(LiveUpdates.plan("  ")).isSameAs(LiveUpdates.Plan.NONE);
        assertThat(LiveUpdates.parse("[]")).isEmpty();
    }

    @Test
    void shellMetacharactersAndLatestNodeAreRefused() {
        for (String bad : List.of("[{\"pkg\":\"node\",\"type\":\"nvm\",\"version\":\"$(id)\"}]",
                "[{\"pkg\":\"a b\",\"type\":\"npm\",\"version\":\"1\"}]",
                "[{\"pkg\":\"node\",\"type\":\"nvm\",\"version\":\"latest\"}]",
                "[1]", "\"20\"", "[{\"pkg\":\"node\",\"type\":\"nvm\",\"version\":20}]")) {
            assertThatThrownBy(() -> LiveUpdates.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("_LIVE_UPDATES ");
        }
    }
}

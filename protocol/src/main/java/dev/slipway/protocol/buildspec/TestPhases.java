package dev.slipway.protocol.buildspec;

import java.util.List;

/** The commands of the {@code test} phases; absent phases are empty lists. */
public record TestPhases(List<String> preTest, List<String> test, List<String> postTest) {

    public static final TestPhases EMPTY = new TestPhases(List.of(), List.of(), List.of());

    public TestPhases {
        preTest = List.copyOf(preTest);
        test = List.copyOf(test);
        postTest = List.copyOf(postTest);
    }
}

package dev.slipway.protocol.redirect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the first (lowest-index) matching rule among many without trying each one. Rules made of whole path segments
 * go into a segment trie (a literal segment is a map lookup, {@code <name>} a single placeholder child, a trailing
 * {@code <*>} a list on the node); origin rules into a host map; the few others (regexes, partial-segment patterns)
 * are tried in order, but only while their index is below the best match found so far.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class RuleIndex {

    private static final CompiledRule[] NONE = new CompiledRule[0];

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>(4);
        Node placeholder;
        CompiledRule[] terminal = NONE;
        CompiledRule[] wildcard = NONE;
    }

    private final Node root = new Node();
    private final Map<String, CompiledRule[]> byHost = new HashMap<>();
    private final CompiledRule[] scanned;
    private final int size;

    RuleIndex(List<CompiledRule> rules) {
        List<CompiledRule> others = new ArrayList<>();
        for (CompiledRule rule : rules) {
            switch (rule.kind) {
                case SEGMENTS -> insert(rule);
                case ORIGIN -> byHost.merge(rule.host, new CompiledRule[] {rule}, RuleIndex::append);
                default -> others.add(rule);
            }
        }
        this.scanned = others.toArray(NONE);
        this.size = rules.size();
    }

    int size() {
        return size;
    }

    RuleMatch first(RuleRequest request) {
        if (size == 0) {
            return null;
        }
        String path = request.path();
        String[] segments = path.substring(1).split("/", -1);
        Best best = new Best(scanned.length == 0 ? null : new ReadBudget(ReadBudget.PER_LOOKUP));
        if (!byHost.isEmpty()) {
            best.consider(byHost.get(request.host()), request, segments);
        }
        walk(root, 0, segments, request, best);
        best.consider(scanned, request, segments);
        return best.rule == null ? null : best.rule.apply(request, best.captures);
    }

    private void walk(Node node, int depth, String[] segments, RuleRequest request, Best best) {
        if (depth == segments.length) {
            best.consider(node.terminal, request, segments);
            return;
        }
        best.consider(node.wildcard, request, segments);
        Node literal = node.literals.get(segments[depth]);
        if (literal != null) {
            walk(literal, depth + 1, segments, request, best);
        }
        if (node.placeholder != null && !segments[depth].isEmpty()) {
            walk(node.placeholder, depth + 1, segments, request, best);
        }
    }

    private void insert(CompiledRule rule) {
        Node node = root;
        for (String segment : rule.segments) {
            if (CompiledRule.isPlaceholder(segment)) {
                node = node.placeholder == null ? (node.placeholder = new Node()) : node.placeholder;
            } else {
                node = node.literals.computeIfAbsent(segment, s -> new Node());
            }
        }
        if (rule.wildcard) {
            node.wildcard = append(node.wildcard, new CompiledRule[] {rule});
        } else {
            node.terminal = append(node.terminal, new CompiledRule[] {rule});
        }
    }

    /** Rules are inserted in index order, so every array stays sorted by index. */
    private static CompiledRule[] append(CompiledRule[] a, CompiledRule[] b) {
        CompiledRule[] merged = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, merged, a.length, b.length);
        return merged;
    }

    /** The lowest-index match so far. */
    private static final class Best {
        final ReadBudget budget;
        CompiledRule rule;
        Map<String, String> captures;

        Best(ReadBudget budget) {
            this.budget = budget;
        }

        void consider(CompiledRule[] candidates, RuleRequest request, String[] segments) {
            if (candidates == null) {
                return;
            }
            for (CompiledRule candidate : candidates) {
                if (rule != null && candidate.index >= rule.index) {
                    return;
                }
                Map<String, String> found = candidate.match(request, segments, budget);
                if (found != null) {
                    rule = candidate;
                    captures = found;
                    return;
                }
            }
        }
    }
}

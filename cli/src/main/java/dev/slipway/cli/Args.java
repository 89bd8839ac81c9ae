package dev.slipway.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line split into positional words, options with a value ({@code --branch main}, {@code --branch=main}) and
 * flags ({@code --json}). Which options take a value is fixed for every command, so a flag never swallows the next word.
 */
final class Args {

    /** Options that take a value; anything else starting with '-' is a flag. */
    private static final Set<String> WITH_VALUE = Set.of("--url", "--token", "--branch", "-b", "--commit", "--value");
    private static final Map<String, String> SHORT = Map.of("-b", "--branch", "-f", "--follow");

    private final List<String> positional;
    private final Map<String, String> options;
    private final Set<String> flags;

    private Args(List<String> positional, Map<String, String> options, Set<String> flags) {
        this.positional = positional;
        this.options = options;
        this.flags = flags;
    }

    static Args parse(String... words) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.equals("--")) {
                positional.addAll(List.of(words).subList(i + 1, words.length));
                break;
            }
            if (!word.startsWith("-") || word.equals("-")) {
                positional.add(word);
                continue;
            }
            int equals = word.indexOf('=');
            String name = equals > 0 ? word.substring(0, equals) : word;
            if (WITH_VALUE.contains(name)) {
                String value = equals > 0 ? word.substring(equals + 1) : null;
                if (value == null) {
                    if (i + 1 >= words.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = words[++i];
                }
                options.put(SHORT.getOrDefault(name, name), value);
            } else {
                flags.add(SHORT.getOrDefault(name, name));
            }
        }
        return new Args(List.copyOf(positional), options, flags);
    }

    /** The n-th positional word (0 is the command), or a usage error naming what is missing. */
    String word(int n, String what) {
        if (n >= positional.size()) {
            throw new UsageException("missing " + what);
        }
        return positional.get(n);
    }

    Optional<String> optionalWord(int n) {
        return n < positional.size() ? Optional.of(positional.get(n)) : Optional.empty();
    }

    /** The positional words from the n-th on. */
    List<String> wordsFrom(int n) {
        return n < positional.size() ? positional.subList(n, positional.size()) : List.of();
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}

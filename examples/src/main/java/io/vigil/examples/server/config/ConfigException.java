package io.vigil.examples.server.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; {@link #problems()} lists everything wrong with it at once. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        String head = problems.size() == 1 ? "invalid configuration: " : "invalid configuration (" + problems.size() + " problems):\n  ";
        return head + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  "));
    }
}

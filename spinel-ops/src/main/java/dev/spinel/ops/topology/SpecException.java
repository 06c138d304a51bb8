package dev.spinel.ops.topology;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be planned; the message lists every problem, each located. */
public final class SpecException extends RuntimeException {
    private final List<String> problems;

    public SpecException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : "the spec has " + problems.size() + " problems:\n  "
                        + problems.stream().collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public static SpecException of(SpecSource source, List<SpecProblem> problems) {
        return new SpecException(problems.stream()
                .map(p -> source.locate(p.field()) + ": " + p.message())
                .toList());
    }

    public List<String> problems() {
        return problems;
    }
}

package dev.spinel.ops.topology;

/**
 * One thing wrong with a spec. {@code field} is the YAML path ({@code sentinel.quorum}); the
 * {@link SpecSource} turns it into a file and line, or a flag name.
 */
public record SpecProblem(String field, String message) {
}

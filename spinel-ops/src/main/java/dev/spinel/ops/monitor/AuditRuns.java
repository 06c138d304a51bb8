package dev.spinel.ops.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the console knows of consistency audits: the last one it ran, for the metrics. */
public record AuditRuns(Optional<Run> last) {
    public static final AuditRuns NONE = new AuditRuns(Optional.empty());

    /**
     * One audit over every primary-replica pair.
     *
     * @param failed why it could not run at all; empty when it ran
     */
    public record Run(Instant finishedAt, Duration took, long keysCompared, long missing, long extra, long differing,
                      int inconclusivePairs, boolean repaired, String failed) {
    }
}

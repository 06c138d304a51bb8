package dev.spinel.ops.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the console knows of backups: the newest that succeeded (any, scheduled or not) and the last failure. */
public record BackupRuns(Optional<Run> lastSuccess, Optional<Instant> lastFailure) {
    public static final BackupRuns NONE = new BackupRuns(Optional.empty(), Optional.empty());

    /** One successful backup. */
    public record Run(String id, Instant finishedAt, Duration took, long bytes, long keys) {
    }
}

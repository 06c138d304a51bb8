package dev.spinel.ops.topology;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks the {@code backup:} block and fills in its defaults (gzip, rdb, auto source, keep all). */
final class BackupScheduleResolver {
    private static final Set<String> TYPES = Set.of("rdb", "aof", "both");
    private static final Set<String> COMPRESSIONS = Set.of("gzip", "zstd", "none");
    private static final Set<String> SOURCES = Set.of("auto", "primary", "replica");

    private BackupScheduleResolver() {
    }

    static Optional<BackupSchedule> resolve(SpecDraft.BackupDraft draft, List<SpecProblem> problems) {
        if (draft == null) {
            return Optional.empty();
        }
        int before = problems.size();
        if (draft.schedule() == null || draft.schedule().isBlank()) {
            problems.add(new SpecProblem("backup.schedule", "is needed in a backup block: a cron expression such as"
                    + " '0 3 * * *' (every day at 03:00 UTC)"));
        }
        String type = oneOf("backup.type", draft.type(), "rdb", TYPES, problems);
        String compress = oneOf("backup.compress", draft.compress(), "gzip", COMPRESSIONS, problems);
        String from = oneOf("backup.from", draft.from(), "auto", SOURCES, problems);
        int keep = notNegative("backup.keep", draft.keep(), problems);
        int retentionDays = notNegative("backup.retention-days", draft.retentionDays(), problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BackupSchedule(draft.schedule().strip(), type, compress, from, keep, retentionDays,
                    Optional.ofNullable(draft.dir())));
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem("backup.schedule", e.getMessage()));
            return Optional.empty();
        }
    }

    private static String oneOf(String field, String value, String fallback, Set<String> allowed,
                                List<SpecProblem> problems) {
        String chosen = value == null ? fallback : value.strip();
        if (!allowed.contains(chosen)) {
            problems.add(new SpecProblem(field, "'" + value + "' is not one of " + allowed.stream().sorted().toList()));
        }
        return chosen;
    }

    private static int notNegative(String field, Integer value, List<SpecProblem> problems) {
        if (value != null && value < 0) {
            problems.add(new SpecProblem(field, "cannot be negative, got " + value));
        }
        return value == null ? 0 : Math.max(0, value);
    }
}

package dev.spinel.ops.topology;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The {@code backup:} block of spinel.yaml: when {@code spinel serve} takes backups, and how.
 * The schedule is a five-field cron expression, evaluated in UTC (see {@link CronSchedule}).
 *
 * @param dir where backups go; empty for {@code <project>/backups}
 */
public record BackupSchedule(String cron, String type, String compress, String from, int keep, int retentionDays,
                             Optional<String> dir) {

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public BackupSchedule {
        new CronSchedule(cron);
    }

    /** The first time after {@code now} the schedule fires. */
    public ZonedDateTime nextAfter(ZonedDateTime now) {
        return new CronSchedule(cron).nextAfter(now.toInstant()).atZone(now.getZone());
    }
}

package dev.spinel.ops.topology;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The {@code backup:} block of spinel.yaml: when {@code spinel serve} takes backups, and how.
 * The schedule is a five-field cron expression as crontab(5) reads it (minute hour day-of-month
 * month day-of-week), evaluated in UTC, so backups do not shift with daylight saving time.
 *
 * @param dir where backups go; empty for {@code <project>/backups}
 */
public record BackupSchedule(String cron, String type, String compress, String from, int keep, int retentionDays,
                             Optional<String> dir) {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public BackupSchedule {
        parse(cron);
    }

    /** The first time after {@code now} the schedule fires. */
    public ZonedDateTime nextAfter(ZonedDateTime now) {
        return ExecutionTime.forCron(parse(cron)).nextExecution(now).orElseThrow(() ->
                new IllegalStateException("'" + cron + "' never fires again"));
    }

    private static com.cronutils.model.Cron parse(String cron) {
        try {
            return PARSER.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + cron + "' is not a cron expression of five fields (minute hour"
                    + " day-of-month month day-of-week, as in crontab): " + e.getMessage(), e);
        }
    }
}

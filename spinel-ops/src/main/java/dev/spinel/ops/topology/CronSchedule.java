package dev.spinel.ops.topology;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A five-field cron expression as crontab(5) reads it (minute hour day-of-month month
 * day-of-week), evaluated in UTC so that scheduled work does not shift with daylight saving time.
 */
public record CronSchedule(String expression) {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public CronSchedule {
        parse(expression);
    }

    /** The first time after {@code now} the schedule fires. */
    public Instant nextAfter(Instant now) {
        return ExecutionTime.forCron(parse(expression)).nextExecution(now.atZone(ZoneOffset.UTC))
                .orElseThrow(() -> new IllegalStateException("'" + expression + "' never fires again")).toInstant();
    }

    private static Cron parse(String expression) {
        try {
            return PARSER.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a cron expression of five fields (minute"
                    + " hour day-of-month month day-of-week, as in crontab): " + e.getMessage(), e);
        }
    }
}

package dev.spinel.ops.backup;

import dev.spinel.ops.monitor.CronTimer;
import dev.spinel.ops.topology.BackupSchedule;
import dev.spinel.ops.topology.CronSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups {@code spinel serve} takes on the spec's schedule, with its retention, through the
 * console's {@link ConsoleBackups} (so a scheduled backup and one asked for over the API never run
 * at once). A run that was missed (the console was down, or the previous backup ran long) is not
 * made up: the next one is the schedule's next time after now.
 */
public final class ScheduledBackups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);

    private final ConsoleBackups backups;
    private final ConsoleBackups.Options options;
    private final CronTimer timer;

    public ScheduledBackups(ConsoleBackups backups, BackupSchedule schedule, Clock clock) {
        this.backups = backups;
        this.options = new ConsoleBackups.Options(Backups.Type.valueOf(schedule.type().toUpperCase(Locale.ROOT)),
                Compression.of(schedule.compress()), Backups.From.valueOf(schedule.from().toUpperCase(Locale.ROOT)),
                true, schedule.keep(),
                schedule.retentionDays() > 0 ? Optional.of(Duration.ofDays(schedule.retentionDays())) : Optional.empty());
        this.timer = new CronTimer("spinel-scheduled-backups", new CronSchedule(schedule.cron()), clock, this::take);
    }

    /** When the next backup is due. */
    public Instant next() {
        return timer.next();
    }

    public void start() {
        timer.start();
    }

    /** Takes the backup if it is due at {@code now}, then moves on to the next time; says whether it ran. */
    public boolean runIfDue(Instant now) {
        return timer.runIfDue(now);
    }

    private void take() {
        try {
            backups.take(options, "scheduled");
        } catch (RuntimeException e) {
            // Already an event and a metric; the schedule goes on.
            LOG.warn("scheduled backup failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.close();
    }
}

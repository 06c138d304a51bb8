package dev.spinel.ops.backup;

import dev.spinel.ops.monitor.BackupRuns;
import dev.spinel.ops.monitor.CronTimer;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.MonitorEvent;
import dev.spinel.ops.topology.BackupSchedule;
import dev.spinel.ops.topology.CronSchedule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups {@code spinel serve} takes on the spec's schedule, with its retention. Each result
 * is an event (backup_succeeded, backup_failed) and the console's backup metrics. A run that was
 * missed (the console was down, or the previous backup ran long) is not made up: the next one is
 * the schedule's next time after now.
 */
public final class ScheduledBackups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);

    private final Path projectDir;
    private final BackupSchedule schedule;
    private final String spinelVersion;
    private final Monitor monitor;
    private final Clock clock;
    private final CronTimer timer;

    public ScheduledBackups(Path projectDir, BackupSchedule schedule, String spinelVersion, Monitor monitor, Clock clock) {
        this.projectDir = projectDir;
        this.schedule = schedule;
        this.spinelVersion = spinelVersion;
        this.monitor = monitor;
        this.clock = clock;
        this.timer = new CronTimer("spinel-scheduled-backups", new CronSchedule(schedule.cron()), clock, this::take);
        // The newest backup on disk, scheduled or not, is the last success until this console makes one.
        store().newest().ifPresent(newest -> monitor.backupSucceeded(run(newest)));
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
            Backups.Result result = Backups.take(new Backups.Request(projectDir, schedule.dir().map(Path::of),
                    Backups.Type.valueOf(schedule.type().toUpperCase(Locale.ROOT)), Compression.of(schedule.compress()),
                    Backups.From.valueOf(schedule.from().toUpperCase(Locale.ROOT)), true, schedule.keep(),
                    schedule.retentionDays() > 0 ? Optional.of(Duration.ofDays(schedule.retentionDays())) : Optional.empty(),
                    spinelVersion, bytes -> { }), clock);
            BackupMetadata backup = result.metadata();
            monitor.backupSucceeded(run(backup));
            monitor.record(new MonitorEvent(clock.instant(), EventType.BACKUP_SUCCEEDED, "",
                    "scheduled backup " + backup.id() + ": " + backup.totalKeys() + " keys, " + backup.totalBytes()
                            + " bytes in " + backup.durationMillis() + " ms"
                            + (result.deleted().isEmpty() ? "" : "; retention deleted " + result.deleted()),
                    Map.of("id", backup.id(), "keys", Long.toString(backup.totalKeys()),
                            "bytes", Long.toString(backup.totalBytes()))));
        } catch (RuntimeException e) {
            LOG.warn("scheduled backup failed: {}", e.getMessage());
            monitor.backupFailed(clock.instant());
            monitor.record(new MonitorEvent(clock.instant(), EventType.BACKUP_FAILED, "",
                    "scheduled backup failed: " + e.getMessage(), Map.of()));
        }
    }

    private BackupStore store() {
        return Backups.store(projectDir, schedule.dir().map(Path::of));
    }

    private static BackupRuns.Run run(BackupMetadata backup) {
        Instant started = Instant.parse(backup.createdAt());
        return new BackupRuns.Run(backup.id(), started.plusMillis(backup.durationMillis()),
                Duration.ofMillis(backup.durationMillis()), backup.totalBytes(), backup.totalKeys());
    }

    @Override
    public void close() {
        timer.close();
    }
}

package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.monitor.BackupRuns;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.MonitorEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The backups a console ({@code spinel serve}) takes, on the spec's schedule or asked for over its
 * API: one at a time, into the console's one backup folder, each result an event
 * (backup_succeeded, backup_failed) and the console's backup metrics. A backup asked for in a
 * console that is already running one is turned away rather than queued, so a caller never waits
 * on a backup it did not ask for.
 */
public final class ConsoleBackups {
    private final Path projectDir;
    private final Optional<Path> backupDir;
    private final String spinelVersion;
    private final Monitor monitor;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    /** How a backup is taken; the folder is the console's. */
    public record Options(Backups.Type type, Compression compression, Backups.From from, boolean verify, int keep,
                          Optional<Duration> maxAge) {
        public Options {
            if (keep < 0) {
                throw new IllegalArgumentException("keep cannot be negative, got " + keep);
            }
        }
    }

    /** Thrown when a backup is asked for while another runs. */
    public static final class Busy extends SpinelException {
        Busy() {
            super(Kind.BLOCKED, "a backup is already running in this console; ask again when it has finished");
        }
    }

    public ConsoleBackups(Path projectDir, Optional<Path> backupDir, String spinelVersion, Monitor monitor,
                          Clock clock) {
        this.projectDir = projectDir;
        this.backupDir = backupDir;
        this.spinelVersion = spinelVersion;
        this.monitor = monitor;
        this.clock = clock;
        // The newest backup on disk, scheduled or not, is the last success until this console makes one.
        store().newest().ifPresent(newest -> monitor.backupSucceeded(run(newest)));
    }

    /** Whether a backup is being taken now. */
    public boolean running() {
        return running.isLocked();
    }

    /** The backups in the console's folder, newest first. */
    public List<BackupMetadata> list() {
        return store().list();
    }

    /**
     * Takes a backup now, waiting for one already running to finish first.
     *
     * @param origin who asked, for the event's text ("scheduled", "requested")
     * @throws SpinelException when the backup failed (recorded as an event first)
     */
    public Backups.Result take(Options options, String origin) {
        running.lock();
        try {
            return takeLocked(options, origin);
        } finally {
            running.unlock();
        }
    }

    /** Takes a backup now unless one is already running. @throws Busy when one is */
    public Backups.Result takeUnlessBusy(Options options, String origin) {
        if (!running.tryLock()) {
            throw new Busy();
        }
        try {
            return takeLocked(options, origin);
        } finally {
            running.unlock();
        }
    }

    private Backups.Result takeLocked(Options options, String origin) {
        Backups.Result result;
        try {
            result = Backups.take(new Backups.Request(projectDir, backupDir, options.type(), options.compression(),
                    options.from(), options.verify(), options.keep(), options.maxAge(), spinelVersion, bytes -> { }),
                    clock);
        } catch (RuntimeException e) {
            monitor.backupFailed(clock.instant());
            monitor.record(new MonitorEvent(clock.instant(), EventType.BACKUP_FAILED, "",
                    origin + " backup failed: " + e.getMessage(), Map.of()));
            throw e;
        }
        BackupMetadata backup = result.metadata();
        monitor.backupSucceeded(run(backup));
        monitor.record(new MonitorEvent(clock.instant(), EventType.BACKUP_SUCCEEDED, "",
                origin + " backup " + backup.id() + ": " + backup.totalKeys() + " keys, " + backup.totalBytes()
                        + " bytes in " + backup.durationMillis() + " ms"
                        + (result.deleted().isEmpty() ? "" : "; retention deleted " + result.deleted()),
                Map.of("id", backup.id(), "keys", Long.toString(backup.totalKeys()),
                        "bytes", Long.toString(backup.totalBytes()))));
        return result;
    }

    private BackupStore store() {
        return Backups.store(projectDir, backupDir);
    }

    private static BackupRuns.Run run(BackupMetadata backup) {
        Instant started = Instant.parse(backup.createdAt());
        return new BackupRuns.Run(backup.id(), started.plusMillis(backup.durationMillis()),
                Duration.ofMillis(backup.durationMillis()), backup.totalBytes(), backup.totalKeys());
    }
}

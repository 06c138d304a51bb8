package dev.spinel.ops.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's model of one topology: polls it, keeps the latest snapshot, the time series and
 * the events the anomaly rules raise (written to the project's events file, and posted to a
 * webhook when one is set). Readers only ever see whole snapshots.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final WatchTarget target;
    private final Poller poller;
    private final AnomalyDetector detector = new AnomalyDetector();
    private final SeriesStore series;
    private final EventLog events;
    private final Optional<Webhook> webhook;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final Map<EventType, Long> eventCounts = new EnumMap<>(EventType.class);
    private final AtomicReference<BackupRuns> backups = new AtomicReference<>(BackupRuns.NONE);
    private final AtomicReference<AuditRuns> audits = new AtomicReference<>(AuditRuns.NONE);

    public Monitor(WatchTarget target, Duration period, Optional<Webhook> webhook, Clock clock) {
        this.target = target;
        this.poller = new Poller(target, period, clock);
        this.series = new SeriesStore(period);
        this.events = target.projectRoot().map(EventLog::inFolder).orElseGet(EventLog::inMemory);
        this.webhook = webhook;
    }

    public void start() {
        poller.start(this::accept);
    }

    /** Takes one snapshot: what the poller hands over each period. */
    private void accept(Snapshot snapshot) {
        series.add(snapshot);
        detector.next(snapshot).forEach(this::record);
        latest.set(snapshot);
    }

    /** Counts, logs and posts one event: the poller's, or one from work the console does (backups). */
    public void record(MonitorEvent event) {
        synchronized (eventCounts) {
            eventCounts.merge(event.type(), 1L, Long::sum);
        }
        try {
            events.append(event);
        } catch (RuntimeException e) {
            LOG.warn("cannot record event {}: {}", event.message(), e.toString());
        }
        webhook.ifPresent(hook -> hook.post(event));
    }

    /** The last backup that succeeded and the last that failed, for the metrics. */
    public BackupRuns backups() {
        return backups.get();
    }

    public void backupSucceeded(BackupRuns.Run run) {
        backups.updateAndGet(runs -> new BackupRuns(Optional.of(run), runs.lastFailure()));
    }

    /** The last consistency audit the console ran, for the metrics. */
    public AuditRuns audits() {
        return audits.get();
    }

    public void auditFinished(AuditRuns.Run run) {
        audits.set(new AuditRuns(Optional.of(run)));
    }

    public void backupFailed(Instant at) {
        backups.updateAndGet(runs -> new BackupRuns(runs.lastSuccess(), Optional.of(at)));
    }

    /** The newest snapshot, or empty before the first poll completed. */
    public Optional<Snapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    public WatchTarget target() {
        return target;
    }

    public SeriesStore series() {
        return series;
    }

    public EventLog events() {
        return events;
    }

    /** Events raised by this console since it started, by type (for the metrics). */
    public Map<EventType, Long> eventCounts() {
        synchronized (eventCounts) {
            return Map.copyOf(eventCounts);
        }
    }

    @Override
    public void close() {
        poller.close();
    }
}

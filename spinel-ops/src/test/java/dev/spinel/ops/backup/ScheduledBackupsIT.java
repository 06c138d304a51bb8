package dev.spinel.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.MonitorEvent;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.topology.BackupSchedule;
import dev.spinel.ops.web.PrometheusExposition;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Scheduled backups against a real node, on a clock the test moves: due at the schedule's time
 * and not before, each result an event and metrics, a failure recorded without a backup.
 */
@ExtendWith(RedisLeakCheck.class)
class ScheduledBackupsIT {
    @TempDir
    Path temp;

    /** A clock the test sets; the backups' ids and times come from it too. */
    private static final class SetClock extends Clock {
        private volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aBackupIsTakenWhenDueAndEachResultIsAnEventAndMetrics() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                node.set("a", "1");
                node.set("b", "2");
            }
            SetClock clock = new SetClock(Instant.parse("2026-11-23T02:59:00Z"));
            WatchTarget target = WatchTarget.ofProject(fixture.dir);
            Monitor monitor = new Monitor(target, Duration.ofSeconds(1), Optional.empty(), clock);
            BackupSchedule nightly = new BackupSchedule("0 3 * * *", "rdb", "gzip", "auto", 0, 0, Optional.empty());
            ConsoleBackups console = new ConsoleBackups(fixture.dir, Optional.empty(), "test", monitor, clock);
            try (ScheduledBackups scheduled = new ScheduledBackups(console, nightly, clock)) {
                assertThat(scheduled.next()).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
                assertThat(monitor.backups().lastSuccess()).as("no backup on disk yet").isEmpty();

                assertThat(scheduled.runIfDue(Instant.parse("2026-11-23T02:59:59Z"))).isFalse();
                assertThat(Backups.store(fixture.dir, Optional.empty()).list()).isEmpty();

                clock.set(Instant.parse("2026-11-23T03:00:01Z"));
                assertThat(scheduled.runIfDue(clock.instant())).isTrue();
                assertThat(scheduled.next()).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
                BackupMetadata taken = Backups.store(fixture.dir, Optional.empty()).list().getFirst();
                assertThat(taken.keys()).containsEntry("db0", 2L);
                assertThat(monitor.events().newest(1)).singleElement().satisfies(event -> {
                    assertThat(event.type()).isEqualTo(EventType.BACKUP_SUCCEEDED);
                    assertThat(event.details()).containsEntry("id", taken.id()).containsEntry("keys", "2");
                });
                assertThat(monitor.eventCounts()).containsEntry(EventType.BACKUP_SUCCEEDED, 1L);
                Snapshot snapshot;
                try (Poller poller = new Poller(target, Duration.ofSeconds(1), Duration.ofSeconds(5), clock)) {
                    snapshot = poller.pollOnce();
                }
                String metrics = PrometheusExposition.render(snapshot, monitor.eventCounts(), monitor.backups());
                assertThat(metrics).contains("spinel_backup_last_success_keys{", "} 2.0")
                        .contains("spinel_events_total{", "type=\"backup_succeeded\"} 1.0");

                fixture.kill9("redis-" + fixture.portBase);
                clock.set(Instant.parse("2026-11-24T03:00:02Z"));
                assertThat(scheduled.runIfDue(clock.instant())).isTrue();
                MonitorEvent failed = monitor.events().newest(1).getFirst();
                assertThat(failed.type()).isEqualTo(EventType.BACKUP_FAILED);
                assertThat(failed.message()).startsWith("scheduled backup failed: ");
                assertThat(monitor.backups().lastFailure()).contains(clock.instant());
                assertThat(monitor.backups().lastSuccess().orElseThrow().id()).isEqualTo(taken.id());
                assertThat(Backups.store(fixture.dir, Optional.empty()).list()).hasSize(1);
            }

            Monitor restarted = new Monitor(target, Duration.ofSeconds(1), Optional.empty(), clock);
            new ConsoleBackups(fixture.dir, Optional.empty(), "test", restarted, clock);
            assertThat(restarted.backups().lastSuccess()).as("a new console knows the newest backup on disk")
                    .hasValueSatisfying(run -> assertThat(run.keys()).isEqualTo(2));
        }
    }
}

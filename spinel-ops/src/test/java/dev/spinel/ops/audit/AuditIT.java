package dev.spinel.ops.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spinel.client.audit.ConsistencyAudit;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.monitor.BackupRuns;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.topology.AuditSchedule;
import dev.spinel.ops.topology.CronSchedule;
import dev.spinel.ops.web.PrometheusExposition;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Pipeline;

/**
 * A consistency audit of a real Sentinel topology: clean, then a replica made to differ, found and
 * repaired; and a failover in the middle of an audit, which makes it inconclusive.
 */
@ExtendWith(RedisLeakCheck.class)
class AuditIT {
    @TempDir
    Path temp;

    @Test
    void aReplicaMadeToDifferIsFoundKeyByKeyAndRepairedThroughThePrimary() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                Pipeline load = primary.pipelined();
                for (int i = 0; i < 2000; i++) {
                    load.set("string:" + i, "v" + i);
                }
                load.hset("hash:1", Map.of("a", "1", "b", "2"));
                load.rpush("list:1", "x", "y", "z");
                load.setex("expiring:1", 600, "soon");
                load.sync();
            }
            Audits.Result clean = Audits.run(fixture.dir, false);
            assertThat(clean.found()).hasSize(2).allSatisfy(pair -> {
                assertThat(pair.clean()).as(pair.toString()).isTrue();
                assertThat(pair.keysCompared()).isEqualTo(2003);
            });

            int replicaPort = fixture.portBase + 1;
            try (Jedis replica = fixture.jedis(replicaPort)) {
                replica.configSet("replica-read-only", "no");
                replica.set("string:7", "changed behind the primary's back");
                replica.del("string:8");
                replica.set("only-on-the-replica", "x");
                replica.persist("expiring:1");
                replica.configSet("replica-read-only", "yes");
            }
            Audits.Result found = Audits.run(fixture.dir, true);
            ConsistencyAudit.PairReport broken = found.found().stream()
                    .filter(pair -> pair.replica().endsWith(":" + replicaPort)).findFirst().orElseThrow();
            assertThat(broken.differing()).containsExactlyInAnyOrder("string:7", "expiring:1");
            assertThat(broken.missing()).containsExactly("string:8");
            assertThat(broken.extra()).containsExactly("only-on-the-replica");
            assertThat(broken.repaired()).isTrue();
            assertThat(found.found()).filteredOn(pair -> !pair.replica().endsWith(":" + replicaPort))
                    .singleElement().satisfies(other -> assertThat(other.clean()).isTrue());
            assertThat(found.afterRepair()).hasSize(2).allSatisfy(pair -> assertThat(pair.clean()).as(pair.toString())
                    .isTrue());
            try (Jedis replica = fixture.jedis(replicaPort)) {
                assertThat(replica.get("string:7")).isEqualTo("v7");
                assertThat(replica.get("string:8")).isEqualTo("v8");
                assertThat(replica.exists("only-on-the-replica")).isFalse();
                assertThat(replica.ttl("expiring:1")).isPositive();
            }
        }
    }

    @Test
    void aFailoverDuringTheAuditMakesItInconclusiveRatherThanReportFalseDifferences() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                Pipeline load = primary.pipelined();
                for (int i = 0; i < 100_000; i++) {
                    load.set("string:" + i, "v" + i);
                }
                load.sync();
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = Thread.ofPlatform().start(() -> {
                try (Jedis primary = fixture.jedis(fixture.portBase)) {
                    for (int i = 0; writing.get(); i++) {
                        try {
                            primary.set("string:" + (i % 100_000), "w" + i);
                        } catch (RuntimeException e) {
                            return; // READONLY once the failover demoted it
                        }
                    }
                }
            });
            CompletableFuture<Audits.Result> audit = CompletableFuture.supplyAsync(() -> Audits.run(fixture.dir, false));
            try (Jedis primary = fixture.jedis(fixture.portBase);
                 Jedis sentinel = new Jedis(new HostAndPort("127.0.0.1", fixture.sentinelPortBase),
                         fixture.clientConfig())) {
                // Once the audit is reading digests, the Sentinels fail the primary over.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                        .until(() -> primary.info("commandstats").contains("cmdstat_dump:"));
                sentinel.sendCommand(Protocol.Command.SENTINEL, "failover", "mymaster");
            }
            Audits.Result result = audit.get(120, TimeUnit.SECONDS);
            writing.set(false);
            writer.join();
            assertThat(result.found()).isNotEmpty();
            assertThat(result.found()).allSatisfy(pair -> {
                assertThat(pair.missing()).as(pair.toString()).isEmpty();
                assertThat(pair.extra()).as(pair.toString()).isEmpty();
                assertThat(pair.differing()).as(pair.toString()).isEmpty();
            });
            assertThat(result.found()).anySatisfy(pair -> assertThat(pair.inconclusive())
                    .containsAnyOf("failover", "no longer"));
        }
    }

    @Test
    void scheduledAuditsAreEventsAndMetrics() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                for (int i = 0; i < 100; i++) {
                    primary.set("k:" + i, "v" + i);
                }
            }
            Clock clock = Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneOffset.UTC);
            WatchTarget target = WatchTarget.ofProject(fixture.dir);
            Monitor monitor = new Monitor(target, Duration.ofSeconds(1), Optional.empty(), clock);
            AuditSchedule nightly = new AuditSchedule(new CronSchedule("30 4 * * *"), false);
            try (ScheduledAudits scheduled = new ScheduledAudits(fixture.dir, nightly, monitor, clock)) {
                assertThat(scheduled.next()).isEqualTo(Instant.parse("2026-11-23T04:30:00Z"));
                assertThat(scheduled.runIfDue(Instant.parse("2026-11-23T04:29:59Z"))).isFalse();
                assertThat(monitor.audits().last()).isEmpty();

                assertThat(scheduled.runIfDue(Instant.parse("2026-11-23T04:30:00Z"))).isTrue();
                assertThat(scheduled.next()).isEqualTo(Instant.parse("2026-11-24T04:30:00Z"));
                assertThat(monitor.events().newest(1)).singleElement().satisfies(event -> {
                    assertThat(event.type()).isEqualTo(EventType.AUDIT);
                    assertThat(event.details()).containsEntry("result", "clean").containsEntry("keys", "200");
                });

                try (Jedis replica = fixture.jedis(fixture.portBase + 2)) {
                    replica.configSet("replica-read-only", "no");
                    replica.set("k:3", "changed");
                    replica.configSet("replica-read-only", "yes");
                }
                assertThat(scheduled.runIfDue(Instant.parse("2026-11-24T04:30:00Z"))).isTrue();
                assertThat(monitor.events().newest(1)).singleElement().satisfies(event ->
                        assertThat(event.details()).containsEntry("result", "differences").containsEntry("differing", "1"));
                Snapshot snapshot;
                try (Poller poller = new Poller(target, Duration.ofSeconds(1), Duration.ofSeconds(5), clock)) {
                    snapshot = poller.pollOnce();
                }
                String metrics = PrometheusExposition.render(snapshot, monitor.eventCounts(), BackupRuns.NONE,
                        monitor.audits());
                assertThat(metrics).contains("spinel_audit_last_run_keys_compared{", "} 200.0")
                        .containsPattern("spinel_audit_last_run_keys\\{[^}]*kind=\"differing\"[^}]*} 1.0")
                        .containsPattern("spinel_audit_last_run_keys\\{[^}]*kind=\"missing\"[^}]*} 0.0")
                        .contains("spinel_events_total{", "type=\"audit\"} 2.0");
            }
        }
    }
}

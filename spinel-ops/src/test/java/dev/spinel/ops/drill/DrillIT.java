package dev.spinel.ops.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.lock.Durability;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.process.NetworkNamespaces;
import dev.spinel.ops.monitor.EventLog;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Short drills on real topologies: each scenario, recovery, the faulted node back, and no acknowledged write lost. */
@ExtendWith(RedisLeakCheck.class)
class DrillIT {
    @TempDir
    Path temp;

    private static Drills.Request request(TopologyFixture fixture, Durability durability) {
        return request(fixture, Drills.Scenario.KILL_PRIMARY, durability);
    }

    private static Drills.Request request(TopologyFixture fixture, Drills.Scenario scenario, Durability durability) {
        return new Drills.Request(fixture.dir, scenario, 1, durability, 4, 0, "test");
    }

    /** The topology option that pairs with replicated writes: primaries refuse writes with no recent replica. */
    private static SpecDraft replicated(SpecDraft draft) {
        return new SpecDraft(draft.version(), draft.mode(), draft.nodes(), draft.shards(), draft.replicas(),
                draft.portBase(), draft.hosts(), draft.profile(), draft.settings(), draft.sentinel(), draft.backup(),
                "replicated");
    }

    /** The round without its list of lost keys, which can be long. */
    private static String summary(DrillRound round) {
        return round.scenario() + " of " + round.victim() + " (" + round.durability() + "): detection "
                + round.detectionMillis() + " ms, writes back " + round.writesBackMillis() + " ms, " + round.failedWrites()
                + " failed, " + round.lost().size() + " of " + round.acknowledged() + " lost, " + round.oldPrimaryReturn();
    }

    private static void assertRecovered(DrillRound round) {
        System.out.println("drill: " + summary(round));
        assertThat(round.acknowledged()).isGreaterThanOrEqualTo(200);
        assertThat(round.detectionMillis()).isPositive();
        assertThat(round.writesBackMillis()).isGreaterThanOrEqualTo(0);
        assertThat(round.newPrimary()).isNotEqualTo(round.victim());
        assertThat(round.oldPrimaryReturn()).startsWith("returned as replica of " + round.newPrimary());
        assertThat(round.healthAfter()).isEqualTo("healthy");
    }

    @Test
    void sentinelKillPrimaryLosesNoReplicatedWriteAndTheOldPrimaryReturnsAsAReplica() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(replicated(fixture.draft("sentinel", null, null, null)));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                assertThat(primary.configGet("min-replicas-to-write")).containsEntry("min-replicas-to-write", "1");
            }
            DrillRound replicated = Drills.run(request(fixture, Durability.REPLICATED), step -> { }).getFirst();
            assertRecovered(replicated);
            assertThat(replicated.lost()).as("REPLICATED writes lost").isEmpty();

            DrillRound async = Drills.run(request(fixture, Durability.ASYNC), step -> { }).getFirst();
            assertRecovered(async);
            assertThat(async.lost().size()).isLessThanOrEqualTo((int) async.acknowledged());
            try (Jedis killed = fixture.jedis(Integer.parseInt(async.victim().substring("redis-".length())))) {
                assertThat(killed.info("replication")).contains("role:slave", "master_link_status:up");
            }

            // A stopped primary wakes up still believing it is primary; Sentinel demotes it, the drill waits for that.
            // With the topology's replicated durability it refuses writes once its replicas are gone, and replicated
            // writes are acknowledged only when every replica has them: none may be lost.
            DrillRound stopped = Drills.run(request(fixture, Drills.Scenario.STOP_PRIMARY, Durability.REPLICATED),
                    step -> { }).getFirst();
            assertRecovered(stopped);
            assertThat(stopped.lost()).as("REPLICATED writes lost to a stopped primary").isEmpty();
            assertThat(EventLog.inFolder(fixture.dir).newest(10)).filteredOn(e -> e.type() == EventType.DRILL)
                    .hasSize(3).first().satisfies(e -> assertThat(e.details())
                            .containsEntry("lost", Integer.toString(stopped.lost().size())));
        }
    }

    @Test
    void clusterKillPrimaryRecoversAndReadsEveryShardBack() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(replicated(fixture.draft("cluster", null, null, null)));
            List<DrillRound> rounds = Drills.run(request(fixture, Durability.REPLICATED), step -> { });
            assertThat(rounds).singleElement().satisfies(round -> {
                assertRecovered(round);
                assertThat(round.lost()).as("REPLICATED writes lost").isEmpty();
            });

            // The cluster's nodes flag the killed replica fail among themselves. Its shard has no other replica, so
            // with the topology's min-replicas-to-write 1 it refuses writes (NOREPLICAS) until the replica is back.
            DrillRound replica = Drills.run(request(fixture, Drills.Scenario.KILL_REPLICA, Durability.ASYNC), step -> { })
                    .getFirst();
            System.out.println("drill: " + summary(replica));
            assertThat(replica.detectionMillis()).as("until the cluster flags the replica fail").isPositive();
            assertThat(replica.failedWrites()).isPositive();
            assertThat(replica.writesBackMillis()).isGreaterThan(replica.detectionMillis());
            assertThat(replica.lost()).isEmpty();
            assertThat(replica.oldPrimaryReturn()).startsWith("returned as replica of " + replica.newPrimary());

            assertThatThrownBy(() -> Drills.run(request(fixture, Drills.Scenario.KILL_SENTINEL, Durability.ASYNC),
                    step -> { })).isInstanceOf(SpinelException.class).hasMessageContaining("needs Sentinels");
        }
    }

    @Test
    void partitionPrimaryCutsTheNamespacedPrimaryOffAndLosesNoReplicatedWrite() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            // On a loopback topology there is no link to cut: the drill says so and does nothing.
            assertThatThrownBy(() -> Drills.run(request(fixture, Drills.Scenario.PARTITION_PRIMARY, Durability.ASYNC),
                    step -> { })).isInstanceOf(SpinelException.class).hasMessageContaining("partition-primary skipped")
                    .hasMessageContaining("network: namespaces");
        }
        Assumptions.assumeTrue(NetworkNamespaces.unavailable().isEmpty(),
                () -> "network namespaces: " + NetworkNamespaces.unavailable().orElse(""));
        List<String> before = NetworkNamespaces.existing();
        try (TopologyFixture fixture = new TopologyFixture(temp.resolve("namespaced"), 3, Optional.empty())) {
            SpecDraft draft = fixture.draft("sentinel", null, null, null);
            fixture.up(new SpecDraft(draft.version(), draft.mode(), draft.nodes(), draft.shards(), draft.replicas(),
                    draft.portBase(), draft.hosts(), draft.profile(), draft.settings(), draft.sentinel(), null,
                    "replicated", "namespaces"));
            // 6 namespaces, the 6 links into them and 1 bridge.
            assertThat(NetworkNamespaces.existing()).hasSize(before.size() + 13);
            DrillRound round = Drills.run(request(fixture, Drills.Scenario.PARTITION_PRIMARY, Durability.REPLICATED),
                    step -> { }).getFirst();
            assertRecovered(round);
            assertThat(round.victim()).isNotEqualTo(round.newPrimary());
            assertThat(round.lost()).as("REPLICATED writes lost to a partitioned primary").isEmpty();
        }
        assertThat(NetworkNamespaces.existing()).as("down removes the namespaces").isEqualTo(before);
    }

    /** With async writes and a replica to spare, killing another replica costs the writers nothing. */
    private static void assertReplicaKillUnnoticedByWriters(DrillRound round) {
        System.out.println("drill: " + summary(round));
        assertThat(round.acknowledged()).isGreaterThanOrEqualTo(200);
        assertThat(round.newPrimary()).isNotEqualTo(round.victim());
        assertThat(round.detectionMillis()).as("until the topology marks the replica down").isPositive();
        assertThat(round.failedWrites()).isZero();
        assertThat(round.writesBackMillis()).isZero();
        assertThat(round.lost()).isEmpty();
        assertThat(round.oldPrimaryReturn()).startsWith("returned as replica of " + round.newPrimary());
        assertThat(round.healthAfter()).isEqualTo("healthy");
    }

    @Test
    void sentinelSurvivesAReplicaASentinelAndEveryNodeGoingDown() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            DrillRound replica = Drills.run(request(fixture, Drills.Scenario.KILL_REPLICA, Durability.ASYNC), step -> { })
                    .getFirst();
            assertReplicaKillUnnoticedByWriters(replica);

            // Two Sentinels of three are still a quorum (2) and a majority: they fail over.
            DrillRound sentinel = Drills.run(request(fixture, Drills.Scenario.KILL_SENTINEL, Durability.REPLICATED),
                    step -> { }).getFirst();
            assertRecovered(sentinel);
            assertThat(sentinel.lost()).as("REPLICATED writes lost").isEmpty();

            // SIGTERM is a clean shutdown: each node flushes its AOF, so even async writes all survive.
            DrillRound restart = Drills.run(request(fixture, Drills.Scenario.RESTART_ALL, Durability.ASYNC), step -> { })
                    .getFirst();
            System.out.println("drill: " + summary(restart));
            assertThat(restart.acknowledged()).isGreaterThanOrEqualTo(200);
            assertThat(restart.failedWrites()).as("writes fail while every node is down").isPositive();
            assertThat(restart.writesBackMillis()).isPositive();
            assertThat(restart.lost()).isEmpty();
            assertThat(restart.healthAfter()).isEqualTo("healthy");
            assertThat(restart.oldPrimaryReturn()).matches("returned as (primary|replica of .*) \\(.*\\)");
            try (Jedis primary = fixture.jedis(Integer.parseInt(restart.newPrimary().substring("redis-".length())))) {
                assertThat(primary.info("replication")).contains("role:master", "connected_slaves:2");
            }
        }
    }
}

package dev.spinel.ops.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.lock.Durability;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.monitor.EventLog;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Short drills on real topologies: kill -9 of the primary, recovery, the old primary back as a replica. */
@ExtendWith(RedisLeakCheck.class)
class DrillIT {
    @TempDir
    Path temp;

    private static Drills.Request request(TopologyFixture fixture, Durability durability) {
        return request(fixture, Drills.Scenario.KILL_PRIMARY, durability);
    }

    private static Drills.Request request(TopologyFixture fixture, Drills.Scenario scenario, Durability durability) {
        return new Drills.Request(fixture.dir, scenario, 1, durability, 4, "test");
    }

    /** The topology option that pairs with replicated writes: primaries refuse writes with no recent replica. */
    private static SpecDraft replicated(SpecDraft draft) {
        return new SpecDraft(draft.version(), draft.mode(), draft.nodes(), draft.shards(), draft.replicas(),
                draft.portBase(), draft.hosts(), draft.profile(), draft.settings(), draft.sentinel(), draft.backup(),
                "replicated");
    }

    private static void assertRecovered(DrillRound round) {
        System.out.println("drill: " + round);
        assertThat(round.acknowledged()).isGreaterThanOrEqualTo(200);
        assertThat(round.detectionMillis()).isPositive();
        assertThat(round.writesBackMillis()).isGreaterThanOrEqualTo(0);
        assertThat(round.newPrimary()).isNotEqualTo(round.victim());
        assertThat(round.oldPrimaryReturn()).startsWith("returned as replica of " + round.newPrimary());
        assertThat(round.healthAfter()).isEqualTo("ready");
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
        }
    }
}

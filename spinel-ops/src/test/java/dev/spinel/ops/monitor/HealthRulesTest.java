package dev.spinel.ops.monitor;

import static dev.spinel.ops.monitor.Samples.SENTINEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private static List<HealthCode> codes(Health health) {
        return health.reasons().stream().map(Health.Reason::code).toList();
    }

    @Test
    void aSentinelTopologyWithEverythingInPlaceIsHealthy() {
        Health health = HealthRules.evaluate(SENTINEL, Samples.healthySentinelTopology());

        assertThat(health.status()).isEqualTo(Health.Status.HEALTHY);
        assertThat(health.reasons()).isEmpty();
    }

    @Test
    void aKilledReplicaDegradesTheTopologyAndNamesTheNodeAndTheMissingReplica() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        nodes.set(0, Samples.primary(6379, 500, "6380:0:500"));
        nodes.set(2, Samples.down(Samples.data(6381)));

        Health health = HealthRules.evaluate(SENTINEL, nodes);

        assertThat(health.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(codes(health)).containsExactlyInAnyOrder(HealthCode.NODE_UNREACHABLE, HealthCode.REPLICA_MISSING);
        assertThat(health.reasons()).anySatisfy(r -> assertThat(r.line()).isEqualTo(
                "redis-6379: 1 of 2 replicas attached and online"));
    }

    @Test
    void noPrimaryIsDown() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        nodes.set(0, Samples.down(Samples.data(6379)));
        nodes.set(1, Samples.replica(6380, 6379, 500, "down"));
        nodes.set(2, Samples.replica(6381, 6379, 500, "down"));

        Health health = HealthRules.evaluate(SENTINEL, nodes);

        assertThat(health.status()).isEqualTo(Health.Status.DOWN);
        assertThat(codes(health)).contains(HealthCode.NO_PRIMARY, HealthCode.REPLICA_LINK_DOWN);
        assertThat(health.reasons().get(0).code()).as("critical reasons first").isEqualTo(HealthCode.NO_PRIMARY);
    }

    @Test
    void aReplicaWhoseLastAckIsOneSecondOldIsOnTime() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        nodes.set(0, Samples.primary(6379, 500, "6380:1:500", "6381:1:500"));

        assertThat(HealthRules.evaluate(SENTINEL, nodes).reasons()).isEmpty();
    }

    @Test
    void aReplicaMoreThanOneSecondBehindIsLagging() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        nodes.set(0, Samples.primary(6379, 9000, "6380:0:9000", "6381:3:1000"));

        Health health = HealthRules.evaluate(SENTINEL, nodes);

        assertThat(codes(health)).containsExactly(HealthCode.REPLICA_LAG);
        assertThat(health.reasons().get(0).line()).isEqualTo("redis-6381: lag 3 s, 8000 bytes behind redis-6379");
    }

    @Test
    void memoryAt90PercentOfMaxmemoryIsAWarningAndBelowIsNot() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        nodes.set(0, Samples.primary(6379, 500, Map.of("used_memory", "950", "maxmemory", "1000"),
                "6380:0:500", "6381:0:500"));
        assertThat(codes(HealthRules.evaluate(SENTINEL, nodes))).containsExactly(HealthCode.MEMORY_HIGH);

        nodes.set(0, Samples.primary(6379, 500, Map.of("used_memory", "899", "maxmemory", "1000"),
                "6380:0:500", "6381:0:500"));
        assertThat(codes(HealthRules.evaluate(SENTINEL, nodes))).isEmpty();
    }

    @Test
    void sentinelsThatDisagreeOrFlagThePrimaryDownOrMissPeersAreReported() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        nodes.set(3, Samples.sentinel(26379, 6380, "master", 2));
        nodes.set(4, Samples.sentinel(26380, 6379, "master,s_down", 2));
        nodes.set(5, Samples.sentinel(26381, 6379, "master", 1));

        Health health = HealthRules.evaluate(SENTINEL, nodes);

        assertThat(codes(health)).containsExactlyInAnyOrder(HealthCode.SENTINELS_DISAGREE,
                HealthCode.SENTINEL_SEES_PRIMARY_DOWN, HealthCode.SENTINEL_PEERS_MISSING);
        assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void fewerAnsweringSentinelsThanTheQuorumMeansNoFailoverCanHappen() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        nodes.set(4, Samples.down(Samples.sentinelRef(26380)));
        nodes.set(5, Samples.down(Samples.sentinelRef(26381)));
        nodes.set(3, Samples.sentinel(26379, 6379, "master", 0));

        Health health = HealthRules.evaluate(SENTINEL, nodes);

        assertThat(codes(health)).contains(HealthCode.NO_QUORUM, HealthCode.SENTINEL_UNREACHABLE);
        assertThat(health.status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void theSentinelsPrimaryMustBeTheNodeThatSaysItIsPrimary() {
        List<NodeSample> nodes = new ArrayList<>(Samples.healthySentinelTopology());
        for (int i = 3; i < 6; i++) {
            nodes.set(i, Samples.sentinel(26379 + i - 3, 6380, "master", 2));
        }

        assertThat(codes(HealthRules.evaluate(SENTINEL, nodes))).containsExactly(HealthCode.SENTINEL_PRIMARY_MISMATCH);
    }

    @Test
    void aClusterWithEverySlotOkAndEveryReplicaIsHealthy() {
        List<NodeSample> nodes = List.of(Samples.clusterNode(7000, "master", "ok", 16384));

        assertThat(HealthRules.evaluate(Samples.CLUSTER, nodes).reasons()).isEmpty();
    }

    @Test
    void aClusterWhoseStateFailsOrWhoseSlotsAreNotAllOkIsDown() {
        Health health = HealthRules.evaluate(Samples.CLUSTER, List.of(Samples.clusterNode(7000, "master", "fail", 10923)));

        assertThat(health.status()).isEqualTo(Health.Status.DOWN);
        assertThat(codes(health)).containsExactlyInAnyOrder(HealthCode.CLUSTER_STATE_FAIL, HealthCode.SLOTS_NOT_OK);
    }

    @Test
    void aClusterPrimaryWithoutItsReplicaIsReported() {
        Expectations twoReplicas = new Expectations(Samples.CLUSTER.mode(), null, 2, 0, 0, 3,
                Expectations.Thresholds.DEFAULT);

        Health health = HealthRules.evaluate(twoReplicas, List.of(Samples.clusterNode(7000, "master", "ok", 16384)));

        assertThat(codes(health)).containsOnly(HealthCode.REPLICA_MISSING).hasSize(3);
    }
}

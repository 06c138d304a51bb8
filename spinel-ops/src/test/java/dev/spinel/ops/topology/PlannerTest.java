package dev.spinel.ops.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final HostFacts HOST = new HostFacts(16L << 30);

    static Plan plan(SpecDraft draft, Map<String, NodeObservation> seen) {
        ResolvedSpec resolved = SpecResolver.resolve(draft, SpecSource.flags());
        return Planner.plan(new PlanInputs(resolved, new ObservedState(seen), HOST,
                name -> new NodePaths("/p/nodes/" + name, "/p/nodes/" + name + "/data", "/p/nodes/" + name + "/x.conf",
                        "/p/nodes/" + name + "/x.log", "/p/nodes/" + name + "/x.pid"), "project-1"));
    }

    static NodeObservation primary(int replicas, long keys) {
        return new NodeObservation(true, false, true, Optional.of("master"), Optional.empty(), keys, replicas,
                Optional.empty(), Set.of(), List.of(), Optional.empty(), 0, -1);
    }

    static NodeObservation replicaOf(String address) {
        return new NodeObservation(true, false, true, Optional.of("slave"), Optional.of(address), 0, 0,
                Optional.empty(), Set.of(), List.of(), Optional.empty(), 0, -1);
    }

    static NodeObservation sentinelSeeing(String address) {
        return new NodeObservation(true, false, true, Optional.of("sentinel"), Optional.empty(), 0, 0,
                Optional.empty(), Set.of(), List.of(), Optional.of(address), 0, -1);
    }

    static NodeObservation clusterNode(Set<String> known, List<SlotRange> slots) {
        return clusterNode(known, slots, Tuning.CLUSTER_NODE_TIMEOUT_MS);
    }

    static NodeObservation clusterNode(Set<String> known, List<SlotRange> slots, long nodeTimeout) {
        return new NodeObservation(true, true, true, Optional.of("master"), Optional.empty(), 0, 0,
                Optional.of("id"), known, slots, Optional.empty(), nodeTimeout, -1);
    }

    static Map<String, NodeObservation> convergedSentinel(String primary) {
        Map<String, NodeObservation> seen = new HashMap<>();
        for (String node : List.of("redis-6379", "redis-6380", "redis-6381")) {
            seen.put(node, node.equals(primary) ? primary(2, 10) : replicaOf("127.0.0.1:" + primary.substring(6)));
        }
        for (String sentinel : List.of("sentinel-26379", "sentinel-26380", "sentinel-26381")) {
            seen.put(sentinel, sentinelSeeing("127.0.0.1:" + primary.substring(6)));
        }
        return seen;
    }

    @Test
    void aNewSentinelTopologyWritesStartsAttachesThenStartsSentinels() {
        Plan plan = plan(SpecDraft.empty(), Map.of());
        assertThat(plan.actions()).extracting(Action::describe).containsExactly(
                "write config of redis-6379", "write config of redis-6380", "write config of redis-6381",
                "start redis-6379 on 127.0.0.1:6379", "start redis-6380 on 127.0.0.1:6380",
                "start redis-6381 on 127.0.0.1:6381",
                "REPLICAOF 127.0.0.1 6379 on redis-6380", "REPLICAOF 127.0.0.1 6379 on redis-6381",
                "write config of sentinel-26379", "write config of sentinel-26380", "write config of sentinel-26381",
                "start sentinel-26379 on 127.0.0.1:26379", "start sentinel-26380 on 127.0.0.1:26380",
                "start sentinel-26381 on 127.0.0.1:26381");
        assertThat(plan.configs()).hasSize(6);
        assertThat(plan.isBlocked()).isFalse();
    }

    @Test
    void aDurabilitySwitchedAfterFormationReachesTheRunningNodesLive() {
        Map<String, NodeObservation> seen = new HashMap<>(convergedSentinel("redis-6379"));
        seen.replaceAll((name, node) -> name.startsWith("redis-") ? withMinReplicas(node, 0) : node);
        SpecDraft replicated = new SpecDraft(null, null, null, null, null, null, null, null, null, null, null,
                "replicated");

        assertThat(plan(replicated, seen).actions()).extracting(Action::describe).containsExactly(
                "CONFIG SET min-replicas-to-write 1 min-replicas-max-lag 3 (and CONFIG REWRITE) on 3 nodes");
        assertThat(plan(SpecDraft.empty(), seen).isEmpty()).as("async, as the nodes are").isTrue();
        seen.replaceAll((name, node) -> name.startsWith("redis-") ? withMinReplicas(node, 1) : node);
        assertThat(plan(replicated, seen).isEmpty()).isTrue();
        assertThat(plan(SpecDraft.empty(), seen).actions()).extracting(Action::describe).containsExactly(
                "CONFIG SET min-replicas-to-write 0 min-replicas-max-lag " + Tuning.minReplicasMaxLagSeconds(
                        SpecResolver.resolve(SpecDraft.empty(), SpecSource.flags()).spec())
                        + " (and CONFIG REWRITE) on 3 nodes");
    }

    static NodeObservation withMinReplicas(NodeObservation node, long minReplicas) {
        return new NodeObservation(node.configExists(), node.clusterStateExists(), node.running(), node.role(),
                node.primaryAddress(), node.keys(), node.connectedReplicas(), node.clusterNodeId(),
                node.clusterKnownAddresses(), node.ownedSlots(), node.sentinelPrimary(), node.clusterNodeTimeoutMillis(),
                minReplicas);
    }

    @Test
    void standaloneIsOneNodeWrittenAndStarted() {
        Plan plan = plan(SpecResolverTest.draft("standalone"), Map.of());
        assertThat(plan.actions()).extracting(Action::describe)
                .containsExactly("write config of redis-6379", "start redis-6379 on 127.0.0.1:6379");
        assertThat(plan.warnings()).singleElement().asString().contains("no failover");
        assertThat(plan(SpecResolverTest.draft("standalone"), Map.of("redis-6379", primary(0, 3))).isEmpty()).isTrue();
    }

    @Test
    void autoWithSixNodesPlansTheSameAsAThreeByOneCluster() {
        assertThat(plan(SpecResolverTest.auto(6), Map.of()).actions())
                .isEqualTo(plan(SpecResolverTest.draft("cluster"), Map.of()).actions());
    }

    @Test
    void aConvergedTopologyYieldsAnEmptyPlan() {
        assertThat(plan(SpecDraft.empty(), convergedSentinel("redis-6379")).isEmpty()).isTrue();
    }

    @Test
    void aDeadReplicaIsStartedAndAttachedAgain() {
        Map<String, NodeObservation> seen = convergedSentinel("redis-6379");
        seen.put("redis-6381", NodeObservation.stopped(false));
        assertThat(plan(SpecDraft.empty(), seen).actions()).extracting(Action::describe).containsExactly(
                "start redis-6381 on 127.0.0.1:6381", "REPLICAOF 127.0.0.1 6379 on redis-6381");
    }

    @Test
    void afterAFailoverTheOldPrimaryComesBackAsAReplicaOfTheNewOne() {
        Map<String, NodeObservation> seen = convergedSentinel("redis-6380");
        seen.put("redis-6379", NodeObservation.stopped(false));
        seen.put("redis-6381", replicaOf("127.0.0.1:6380"));
        Plan plan = plan(SpecDraft.empty(), seen);
        assertThat(plan.actions()).extracting(Action::describe).containsExactly(
                "start redis-6379 on 127.0.0.1:6379", "REPLICAOF 127.0.0.1 6380 on redis-6379");
    }

    @Test
    void rightAfterAFailoverTheNewPrimaryWinsOverSentinelsThatStillNameTheDeadOne() {
        Map<String, NodeObservation> seen = convergedSentinel("redis-6381");
        seen.put("redis-6379", NodeObservation.stopped(false));
        seen.put("redis-6380", replicaOf("127.0.0.1:6381"));
        // Only one Sentinel has heard of the failover yet; two still name the dead primary.
        seen.put("sentinel-26380", sentinelSeeing("127.0.0.1:6379"));
        seen.put("sentinel-26381", sentinelSeeing("127.0.0.1:6379"));
        Plan plan = plan(SpecDraft.empty(), seen);
        assertThat(plan.isBlocked()).as(String.join("\n", plan.blocked())).isFalse();
        assertThat(plan.actions()).extracting(Action::describe).containsExactly(
                "start redis-6379 on 127.0.0.1:6379", "REPLICAOF 127.0.0.1 6381 on redis-6379");
    }

    @Test
    void whenEveryNodeWasStoppedAfterAFailoverTheRememberedPrimaryKeepsItsRole() {
        // What the config files say after Sentinel moved the primary to redis-6380 and then every node went down.
        Map<String, NodeObservation> seen = new HashMap<>();
        seen.put("redis-6379", NodeObservation.stopped(false, Optional.of("127.0.0.1:6380"), Optional.empty()));
        seen.put("redis-6380", NodeObservation.stopped(false));
        seen.put("redis-6381", NodeObservation.stopped(false, Optional.of("127.0.0.1:6380"), Optional.empty()));
        for (String sentinel : List.of("sentinel-26379", "sentinel-26380", "sentinel-26381")) {
            seen.put(sentinel, NodeObservation.stopped(false, Optional.empty(), Optional.of("127.0.0.1:6380")));
        }
        assertThat(plan(SpecDraft.empty(), seen).actions()).extracting(Action::describe).containsSubsequence(
                "start redis-6380 on 127.0.0.1:6380", "REPLICAOF 127.0.0.1 6380 on redis-6379",
                "REPLICAOF 127.0.0.1 6380 on redis-6381").noneMatch(action -> action.contains("on redis-6380"));

        // Without the Sentinels' files, the replicas' own replicaof lines tell the same.
        for (String sentinel : List.of("sentinel-26379", "sentinel-26380", "sentinel-26381")) {
            seen.put(sentinel, NodeObservation.absent());
        }
        assertThat(plan(SpecDraft.empty(), seen).actions()).extracting(Action::describe)
                .contains("REPLICAOF 127.0.0.1 6380 on redis-6379", "REPLICAOF 127.0.0.1 6380 on redis-6381");

        // Replicas that disagree name no primary: the planned one is started, as before.
        seen.put("redis-6381", NodeObservation.stopped(false, Optional.of("127.0.0.1:6379"), Optional.empty()));
        assertThat(plan(SpecDraft.empty(), seen).actions()).extracting(Action::describe)
                .contains("REPLICAOF 127.0.0.1 6379 on redis-6380");
    }

    @Test
    void aLostSentinelConfigIsRenderedForTheCurrentPrimary() {
        Map<String, NodeObservation> seen = convergedSentinel("redis-6380");
        seen.put("sentinel-26381", NodeObservation.absent());
        Plan plan = plan(SpecDraft.empty(), seen);
        assertThat(plan.configs()).singleElement()
                .satisfies(config -> assertThat(config.template()).contains("sentinel monitor mymaster 127.0.0.1 6380 2"));
    }

    @Test
    void twoPrimariesHoldingDataBlockThePlan() {
        Map<String, NodeObservation> seen = new HashMap<>();
        seen.put("redis-6379", primary(1, 10));
        seen.put("redis-6380", replicaOf("127.0.0.1:6379"));
        seen.put("redis-6381", primary(0, 5));
        Plan plan = plan(SpecResolverTest.draft("replication"), seen);
        assertThat(plan.blocked()).singleElement().asString()
                .startsWith("two primaries: redis-6381 is a primary holding 5 keys");
    }

    @Test
    void twoPrimariesWithReplicasBlockThePlan() {
        Map<String, NodeObservation> seen = new HashMap<>();
        seen.put("redis-6379", primary(1, 10));
        seen.put("redis-6380", primary(1, 10));
        seen.put("redis-6381", replicaOf("127.0.0.1:6380"));
        Plan plan = plan(SpecResolverTest.draft("replication"), seen);
        assertThat(plan.blocked()).first().asString().startsWith("two primaries with replicas");
    }

    @Test
    void anEmptyStrayPrimaryIsAttached() {
        Map<String, NodeObservation> seen = new HashMap<>();
        seen.put("redis-6379", primary(1, 10));
        seen.put("redis-6380", replicaOf("127.0.0.1:6379"));
        seen.put("redis-6381", primary(0, 0));
        Plan plan = plan(SpecResolverTest.draft("replication"), seen);
        assertThat(plan.actions()).extracting(Action::describe)
                .containsExactly("REPLICAOF 127.0.0.1 6379 on redis-6381");
    }

    @Test
    void aNewClusterIsFormedWithEpochsSlotsPairwiseMeetsAndReplicas() {
        Plan plan = plan(SpecResolverTest.draft("cluster"), Map.of());
        List<Action> actions = plan.actions();
        assertThat(actions).filteredOn(a -> a instanceof Action.SetConfigEpoch).extracting(Action::describe)
                .containsExactly("CLUSTER SET-CONFIG-EPOCH 1 on redis-7000", "CLUSTER SET-CONFIG-EPOCH 2 on redis-7001",
                        "CLUSTER SET-CONFIG-EPOCH 3 on redis-7002");
        assertThat(actions).filteredOn(a -> a instanceof Action.AddSlots).extracting(Action::describe)
                .containsExactly("CLUSTER ADDSLOTSRANGE 0 5460 on redis-7000",
                        "CLUSTER ADDSLOTSRANGE 5461 10922 on redis-7001",
                        "CLUSTER ADDSLOTSRANGE 10923 16383 on redis-7002");
        int pairs = actions.stream().filter(a -> a instanceof Action.Meet)
                .mapToInt(a -> ((Action.Meet) a).others().size()).sum();
        assertThat(pairs).isEqualTo(15);
        assertThat(actions).filteredOn(a -> a instanceof Action.Replicate).extracting(Action::describe)
                .containsExactly("CLUSTER REPLICATE <id of redis-7000> on redis-7003",
                        "CLUSTER REPLICATE <id of redis-7001> on redis-7004",
                        "CLUSTER REPLICATE <id of redis-7002> on redis-7005");
        assertThat(actions.get(actions.size() - 2)).isInstanceOf(Action.AwaitReady.class);
        assertThat(actions.getLast()).isEqualTo(new Action.SetClusterNodeTimeout(plan.dataNodes(), Tuning.CLUSTER_NODE_TIMEOUT_MS));
    }

    @Test
    void aRestartedClusterNodeOnlyNeedsStarting() {
        Map<String, NodeObservation> seen = new HashMap<>();
        for (int port = 7000; port <= 7005; port++) {
            seen.put("redis-" + port, clusterNode(Set.of("a", "b", "c", "d", "e"), List.of()));
        }
        seen.put("redis-7001", NodeObservation.stopped(true));
        assertThat(plan(SpecResolverTest.draft("cluster"), seen).actions()).extracting(Action::describe)
                .containsExactly("start redis-7001 on 127.0.0.1:7001");
    }

    @Test
    void aClusterNodeThatLostItsStateRejoinsAsReplicaOfWhoeverServesItsSlots() {
        Map<String, NodeObservation> seen = new HashMap<>();
        for (int port = 7001; port <= 7005; port++) {
            seen.put("redis-" + port, clusterNode(Set.of("a", "b", "c", "d"), List.of()));
        }
        // redis-7003 took over 0-5460 when redis-7000 died; redis-7000 comes back empty.
        seen.put("redis-7003", clusterNode(Set.of("a", "b", "c", "d"), List.of(new SlotRange(0, 5460))));
        seen.put("redis-7000", NodeObservation.stopped(false));
        List<String> steps = plan(SpecResolverTest.draft("cluster"), seen).actions().stream().map(Action::describe).toList();
        assertThat(steps).first().isEqualTo("start redis-7000 on 127.0.0.1:7000");
        assertThat(steps).contains("CLUSTER REPLICATE <id of redis-7003> on redis-7000");
        assertThat(steps).noneMatch(step -> step.contains("ADDSLOTS"));
    }

    @Test
    void anInterruptedFormationGetsTheConfiguredNodeTimeoutBack() {
        Map<String, NodeObservation> seen = new HashMap<>();
        for (int port = 7000; port <= 7005; port++) {
            seen.put("redis-" + port, clusterNode(Set.of("a", "b", "c", "d", "e"), List.of(), port < 7003 ? 500 : Tuning.CLUSTER_NODE_TIMEOUT_MS));
        }
        Plan plan = plan(SpecResolverTest.draft("cluster"), seen);
        assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.SetClusterNodeTimeout.class, action -> {
            assertThat(action.millis()).isEqualTo(Tuning.CLUSTER_NODE_TIMEOUT_MS);
            assertThat(action.nodes()).extracting(PlannedNode::name).containsExactly("redis-7000", "redis-7001", "redis-7002");
        });
    }

    @Test
    void aClusterNodeWhoseSlotsNobodyServesTakesThemBack() {
        Map<String, NodeObservation> seen = new HashMap<>();
        for (int port = 7001; port <= 7005; port++) {
            seen.put("redis-" + port, clusterNode(Set.of("a", "b", "c", "d"), List.of()));
        }
        seen.put("redis-7000", NodeObservation.stopped(false));
        assertThat(plan(SpecResolverTest.draft("cluster"), seen).actions()).extracting(Action::describe)
                .contains("CLUSTER ADDSLOTSRANGE 0 5460 on redis-7000");
    }
}

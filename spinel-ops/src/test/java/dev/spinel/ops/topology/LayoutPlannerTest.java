package dev.spinel.ops.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutPlannerTest {

    static Spec spec(SpecDraft draft) {
        return SpecResolver.resolve(draft, SpecSource.flags()).spec();
    }

    @Test
    void sixNodeClusterHasPrimariesOn7000To7002AndReplicasOn7003To7005() {
        List<PlannedNode> nodes = LayoutPlanner.layout(spec(SpecResolverTest.draft("cluster")));
        assertThat(nodes).extracting(PlannedNode::port).containsExactly(7000, 7001, 7002, 7003, 7004, 7005);
        assertThat(nodes).extracting(PlannedNode::role).containsExactly(NodeRole.PRIMARY, NodeRole.PRIMARY,
                NodeRole.PRIMARY, NodeRole.REPLICA, NodeRole.REPLICA, NodeRole.REPLICA);
        assertThat(nodes.get(3).primary()).contains("redis-7000");
        assertThat(nodes.get(5).primary()).contains("redis-7002");
        assertThat(nodes.get(0).slots()).containsExactly(new SlotRange(0, 5460));
        assertThat(nodes.get(1).slots()).containsExactly(new SlotRange(5461, 10922));
        assertThat(nodes.get(2).slots()).containsExactly(new SlotRange(10923, 16383));
        assertThat(nodes.get(4).shard()).isEqualTo(1);
    }

    @Test
    void shardsAddedByScaleTakeThePortsAfterTheFormedBlockAndNoNodeMoves() {
        SpecDraft four = new SpecDraft(null, "cluster", null, 4, 1, null, null, null, null, null, null, null, null, 3);
        List<PlannedNode> nodes = LayoutPlanner.layout(spec(four));
        assertThat(nodes).extracting(PlannedNode::name).containsExactly("redis-7000", "redis-7001", "redis-7002",
                "redis-7006", "redis-7003", "redis-7004", "redis-7005", "redis-7007");
        assertThat(nodes.get(7).primary()).contains("redis-7006");
        assertThat(LayoutPlanner.lastDataPort(spec(four))).isEqualTo(7007);

        SpecDraft three = new SpecDraft(null, "cluster", null, 3, 1, null, null, null, null, null, null, null, null, 4);
        assertThat(LayoutPlanner.layout(spec(three))).extracting(PlannedNode::name)
                .containsExactly("redis-7000", "redis-7001", "redis-7002", "redis-7004", "redis-7005", "redis-7006");
        assertThat(SpecDraft.of(spec(three)).formedShards()).isEqualTo(4);
        assertThat(SpecDraft.of(spec(SpecResolverTest.draft("cluster"))).formedShards()).isNull();
    }

    @Test
    void sentinelModePlacesSentinelsOnTheirOwnPorts() {
        List<PlannedNode> nodes = LayoutPlanner.layout(spec(SpecDraft.empty()));
        assertThat(nodes).extracting(PlannedNode::name).containsExactly("redis-6379", "redis-6380", "redis-6381",
                "sentinel-26379", "sentinel-26380", "sentinel-26381");
        assertThat(nodes.subList(3, 6)).allMatch(n -> n.kind() == NodeKind.SENTINEL && n.role() == NodeRole.SENTINEL);
    }

    @Test
    void replicasNeverShareTheirPrimarysHostOnceThereAreHosts() {
        for (int hosts = 2; hosts <= 4; hosts++) {
            List<String> addresses = java.util.stream.IntStream.rangeClosed(1, hosts)
                    .mapToObj(i -> "127.0.0." + i).toList();
            for (int replicas = 1; replicas <= 3; replicas++) {
                SpecDraft draft = new SpecDraft(null, "cluster", null, 3, replicas, null, addresses, null, null, null);
                List<PlannedNode> nodes = LayoutPlanner.layout(spec(draft));
                for (PlannedNode node : nodes) {
                    node.primary().ifPresent(primaryName -> {
                        PlannedNode primary = nodes.stream().filter(n -> n.name().equals(primaryName)).findFirst()
                                .orElseThrow();
                        assertThat(node.host()).as(node.name() + " vs " + primaryName).isNotEqualTo(primary.host());
                    });
                }
            }
        }
    }

    @Test
    void primariesAreSpreadOverHosts() {
        SpecDraft draft = new SpecDraft(null, "cluster", null, 3, 1, null,
                List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), null, null, null);
        List<PlannedNode> nodes = LayoutPlanner.layout(spec(draft));
        assertThat(nodes.subList(0, 3)).extracting(PlannedNode::host)
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    }

    @Test
    void slotsAreSplitAsRedisCliDoes() {
        assertThat(SlotAllocator.split(3)).containsExactly(new SlotRange(0, 5460), new SlotRange(5461, 10922),
                new SlotRange(10923, 16383));
        for (int shards = 1; shards <= 64; shards++) {
            List<SlotRange> ranges = SlotAllocator.split(shards);
            assertThat(ranges).hasSize(shards);
            assertThat(ranges.getFirst().first()).isZero();
            assertThat(ranges.getLast().last()).isEqualTo(16383);
            assertThat(ranges.stream().mapToInt(SlotRange::size).sum()).isEqualTo(16384);
            for (int i = 1; i < shards; i++) {
                assertThat(ranges.get(i).first()).isEqualTo(ranges.get(i - 1).last() + 1);
            }
            int min = ranges.stream().mapToInt(SlotRange::size).min().orElseThrow();
            int max = ranges.stream().mapToInt(SlotRange::size).max().orElseThrow();
            assertThat(max - min).as("balanced for " + shards).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void inNamespacesANodeKeepsItsAddressWhenShardsAreAddedOrRemoved() {
        SpecDraft formed = new SpecDraft(null, "cluster", null, 3, 1, null, null, null, null, null, null, null,
                "namespaces", null);
        SpecDraft grown = new SpecDraft(null, "cluster", null, 4, 1, null, null, null, null, null, null, null,
                "namespaces", 3);
        java.util.Map<String, String> before = LayoutPlanner.layout(spec(formed)).stream()
                .collect(java.util.stream.Collectors.toMap(PlannedNode::name, PlannedNode::host));
        List<PlannedNode> after = LayoutPlanner.layout(spec(grown));
        assertThat(after).hasSize(8).allSatisfy(node -> {
            if (before.containsKey(node.name())) {
                assertThat(node.host()).as(node.name()).isEqualTo(before.get(node.name()));
            }
        });
        assertThat(after.stream().map(PlannedNode::host).distinct()).hasSize(8);
        // A Sentinel topology's addresses, as before: the data nodes first, then the Sentinels.
        List<PlannedNode> sentinel = LayoutPlanner.layout(spec(new SpecDraft(null, "sentinel", null, null, 2, null,
                null, null, null, null, null, null, "namespaces")));
        assertThat(sentinel).extracting(node -> node.host().substring(node.host().lastIndexOf('.') + 1))
                .containsExactly("2", "3", "4", "5", "6", "7");
    }
}

package dev.spinel.ops.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SlotRange;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.SpecSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestoreTargetsTest {
    private static Spec cluster(int shards) {
        return SpecResolver.resolve(new SpecDraft(null, "cluster", null, shards, 1, 7000, null, null, null, null),
                SpecSource.flags()).spec();
    }

    private static BackupMetadata backupOf(Spec spec) {
        List<BackupMetadata.Shard> shards = LayoutPlanner.layout(spec).stream()
                .filter(node -> !node.slots().isEmpty())
                .map(node -> new BackupMetadata.Shard(node.name(), "id-" + node.name(), node.address(),
                        node.slots().stream().map(SlotRange::toString).toList(), null, null, node.name() + ".rdb",
                        Map.of("db0", 1L), Map.of()))
                .toList();
        return new BackupMetadata(1, "b1", "2026-11-23T00:00:00Z", "rdb", "cluster", "none", "test", "7.0.15", null,
                List.of(), null, Map.of("db0", (long) shards.size()), Map.of(), true, 1, List.of(), shards);
    }

    @Test
    void eachShardGoesToThePrimaryPlannedForItsSlots() {
        Spec spec = cluster(3);
        List<PlannedNode> layout = LayoutPlanner.layout(spec);
        List<RestoreTargets.Target> targets = RestoreTargets.of(backupOf(spec), spec, layout, Optional.empty());
        assertThat(targets).hasSize(3).allSatisfy(target ->
                assertThat(target.file()).isEqualTo(target.primary().name() + ".rdb"));
    }

    @Test
    void aBackupOfAnotherSlotMapIsRefusedSayingWhatDiffers() {
        Spec three = cluster(3);
        Spec four = cluster(4);
        assertThatThrownBy(() -> RestoreTargets.of(backupOf(three), four, LayoutPlanner.layout(four), Optional.empty()))
                .isInstanceOfSatisfying(SpinelException.class,
                        e -> assertThat(e.kind()).isEqualTo(SpinelException.Kind.BAD_INPUT))
                .hasMessageContaining("does not fit this cluster, nothing was touched")
                .hasMessageContaining("which no planned primary serves")
                .hasMessageContaining("the backup has 3 shards, the cluster 4");
    }

    @Test
    void aWholeBackupTakenAfterARebalanceFormsEachPrimaryWithItsShardsSlots() {
        Spec spec = cluster(3);
        List<PlannedNode> layout = LayoutPlanner.layout(spec);
        List<List<SlotRange>> rebalanced = List.of(List.of(new SlotRange(0, 8191)),
                List.of(new SlotRange(8192, 12287)), List.of(new SlotRange(12288, 16383)));
        List<BackupMetadata.Shard> shards = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shards.add(new BackupMetadata.Shard("redis-" + (7000 + i), "id" + i, "127.0.0.1:" + (7000 + i),
                    rebalanced.get(i).stream().map(SlotRange::toString).toList(), null, null, "shard" + i + ".rdb",
                    Map.of("db0", 1L), Map.of()));
        }
        BackupMetadata backup = new BackupMetadata(1, "b2", "2026-11-23T00:00:00Z", "rdb", "cluster", "none", "test",
                "7.0.15", null, List.of(), null, Map.of("db0", 3L), Map.of(), true, 1, List.of(), shards);

        List<RestoreTargets.Target> targets = RestoreTargets.whole(backup, spec, layout);

        assertThat(targets).hasSize(3).allSatisfy(target -> assertThat(target.movesSlots()).isTrue());
        assertThat(targets).extracting(target -> target.primary().name() + " " + target.file() + " " + target.slots())
                .containsExactly("redis-7000 shard0.rdb [0-8191]", "redis-7001 shard1.rdb [8192-12287]",
                        "redis-7002 shard2.rdb [12288-16383]");
        // A one-shard restore keeps the other shards as they run, so it still needs the planned slots.
        assertThatThrownBy(() -> RestoreTargets.of(backup, spec, layout, Optional.empty()))
                .hasMessageContaining("which no planned primary serves")
                .hasMessageContaining("a whole restore (without --node) forms the cluster with the backup's slots");
    }

    @Test
    void aRunningClusterWhoseSlotsMovedIsRefused() {
        Spec spec = cluster(3);
        List<List<SlotRange>> moved = List.of(List.of(new SlotRange(0, 6000)), List.of(new SlotRange(6001, 10922)),
                List.of(new SlotRange(10923, 16383)));
        assertThatThrownBy(() -> RestoreTargets.of(backupOf(spec), spec, LayoutPlanner.layout(spec), Optional.of(moved)))
                .hasMessageContaining("the running cluster has no primary serving exactly [0-5460]");
    }

    @Test
    void aClusterBackupDoesNotGoIntoASentinelTopologyNorTheOtherWayRound() {
        Spec sentinel = SpecResolver.resolve(SpecDraft.empty(), SpecSource.flags()).spec();
        assertThatThrownBy(() -> RestoreTargets.of(backupOf(cluster(3)), sentinel, LayoutPlanner.layout(sentinel),
                Optional.empty())).hasMessageContaining("restore it into a cluster");
    }

    @Test
    void aNodeNamesItsShardAndAReplicaItsPrimarysShard() {
        Spec spec = cluster(3);
        List<PlannedNode> layout = LayoutPlanner.layout(spec);
        List<RestoreTargets.Target> targets = RestoreTargets.of(backupOf(spec), spec, layout, Optional.empty());
        PlannedNode replica = layout.stream().filter(node -> node.primary().isPresent()).findFirst().orElseThrow();
        PlannedNode itsPrimary = layout.stream().filter(node -> node.name().equals(replica.primary().get()))
                .findFirst().orElseThrow();

        assertThat(RestoreTargets.forNode(targets, layout, replica.name()).primary()).isEqualTo(itsPrimary);
        assertThat(RestoreTargets.forNode(targets, layout, itsPrimary.name()).file()).isEqualTo(itsPrimary.name() + ".rdb");
        assertThatThrownBy(() -> RestoreTargets.forNode(targets, layout, "redis-6999"))
                .hasMessageContaining("--node redis-6999: this topology has no such node; its data nodes are redis-7000");
    }

    @Test
    void aSentinelHoldsNoDataToRestore() {
        Spec sentinel = SpecResolver.resolve(SpecDraft.empty(), SpecSource.flags()).spec();
        List<PlannedNode> layout = LayoutPlanner.layout(sentinel);
        BackupMetadata backup = new BackupMetadata(1, "b1", "2026-11-23T00:00:00Z", "rdb", "sentinel", "none", "test",
                "7.0.15", null, List.of(), null, Map.of("db0", 1L), Map.of(), true, 1,
                List.of(new BackupMetadata.FileEntry("redis-7000.rdb", "redis-7000", 1, 1, "x")), List.of());
        List<RestoreTargets.Target> targets = RestoreTargets.of(backup, sentinel, layout, Optional.empty());
        String sentinelName = layout.stream().filter(node -> !node.isData()).findFirst().orElseThrow().name();

        assertThatThrownBy(() -> RestoreTargets.forNode(targets, layout, sentinelName))
                .hasMessageContaining("is a Sentinel, which holds no data");
        String replica = layout.stream().filter(node -> node.primary().isPresent()).findFirst().orElseThrow().name();
        assertThat(RestoreTargets.forNode(targets, layout, replica).file()).isEqualTo("redis-7000.rdb");
    }
}

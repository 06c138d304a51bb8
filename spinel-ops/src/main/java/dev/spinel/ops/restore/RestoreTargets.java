package dev.spinel.ops.restore;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.backup.KeyCounts;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.NodeRole;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SlotRange;
import dev.spinel.ops.topology.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which backup file goes to which planned primary (pure). A topology with one primary takes the
 * backup's one file. A cluster takes one file per shard: a whole backup is formed afresh, each
 * shard on the planned primary planned for the same slots, or (when slots had been moved before
 * the backup, by a rebalance) on the next planned primary, which is then formed with the shard's
 * slots; a backup of another shard count is refused. Restoring one shard keeps the others'
 * current data, so there the backup, the plan and the running cluster must agree on every slot.
 */
final class RestoreTargets {
    private RestoreTargets() {
    }

    /** One file of the backup, the node that loads it, the slots it serves then, and the keys it must hold. */
    record Target(PlannedNode primary, String file, KeyCounts keys, List<SlotRange> slots) {
        Target {
            slots = List.copyOf(slots);
        }

        /** Whether the primary is formed with other slots than planned. */
        boolean movesSlots() {
            return !SlotRange.sameSlots(slots, primary.slots());
        }
    }

    /** Every part of the backup, formed afresh. */
    static List<Target> whole(BackupMetadata backup, Spec spec, List<PlannedNode> layout) {
        return of(backup, spec, layout, Optional.empty(), true);
    }

    /**
     * Every part of the backup, held to the strict rule of a one-shard restore.
     *
     * @param liveSlots the slot sets the running cluster's primaries serve now, when it runs
     */
    static List<Target> of(BackupMetadata backup, Spec spec, List<PlannedNode> layout,
                           Optional<List<List<SlotRange>>> liveSlots) {
        return of(backup, spec, layout, liveSlots, false);
    }

    private static List<Target> of(BackupMetadata backup, Spec spec, List<PlannedNode> layout,
                                   Optional<List<List<SlotRange>>> liveSlots, boolean whole) {
        List<PlannedNode> primaries = layout.stream().filter(n -> n.role() == NodeRole.PRIMARY).toList();
        boolean clusterProject = spec.mode() == Mode.CLUSTER;
        if (backup.isCluster() != clusterProject) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "backup " + backup.id() + " is of a "
                    + backup.mode() + " topology and this project is " + spec.mode().id() + ": "
                    + (backup.isCluster() ? "restore it into a cluster" : "restore a cluster backup here"));
        }
        if (!clusterProject) {
            return List.of(new Target(primaries.getFirst(), backup.loadableParts().getFirst(), backup.keyCounts(),
                    List.of()));
        }
        List<String> differences = new ArrayList<>();
        liveSlots.ifPresent(live -> primaries.stream()
                .filter(primary -> live.stream().noneMatch(slots -> SlotRange.sameSlots(slots, primary.slots())))
                .forEach(primary -> differences.add("the running cluster has no primary serving exactly "
                        + primary.slots() + ", which " + primary.name() + " serves as planned (were slots moved?)")));
        List<Target> targets = new ArrayList<>();
        List<BackupMetadata.Shard> unmatched = new ArrayList<>();
        for (BackupMetadata.Shard shard : backup.shards()) {
            List<SlotRange> slots = shard.slots().stream().map(SlotRange::parse).toList();
            Optional<PlannedNode> match = primaries.stream()
                    .filter(primary -> SlotRange.sameSlots(slots, primary.slots())).findFirst();
            match.ifPresentOrElse(primary -> targets.add(new Target(primary, shard.file(), shard.keyCounts(), slots)),
                    () -> unmatched.add(shard));
        }
        if (whole && backup.shards().size() == primaries.size()) {
            List<PlannedNode> free = primaries.stream()
                    .filter(primary -> targets.stream().noneMatch(t -> t.primary().equals(primary))).toList();
            for (int i = 0; i < unmatched.size(); i++) {
                BackupMetadata.Shard shard = unmatched.get(i);
                targets.add(new Target(free.get(i), shard.file(), shard.keyCounts(),
                        shard.slots().stream().map(SlotRange::parse).toList()));
            }
        } else {
            unmatched.forEach(shard -> differences.add("the backup's shard of " + shard.primary() + " holds slots "
                    + shard.slots() + ", which no planned primary serves"));
        }
        if (backup.shards().size() != primaries.size()) {
            differences.add("the backup has " + backup.shards().size() + " shards, the cluster " + primaries.size());
        }
        if (!differences.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "backup " + backup.id() + " does not fit this"
                    + " cluster, nothing was touched: " + String.join("; ", differences) + ". Planned primaries: "
                    + primaries.stream().map(p -> p.name() + " " + p.slots()).collect(Collectors.joining(", "))
                    + (whole ? "" : "; a whole restore (without --node) forms the cluster with the backup's slots"));
        }
        return targets;
    }

    /**
     * The one target a restore of {@code node} touches: the part for the shard the node belongs to
     * (a replica's shard is its primary's). A Sentinel, which holds no data, is refused, and so is
     * a name the topology does not have.
     */
    static Target forNode(List<Target> targets, List<PlannedNode> layout, String node) {
        PlannedNode named = layout.stream().filter(n -> n.name().equals(node)).findFirst()
                .orElseThrow(() -> new SpinelException(SpinelException.Kind.BAD_INPUT, "--node " + node + ": this"
                        + " topology has no such node; its data nodes are " + layout.stream().filter(PlannedNode::isData)
                        .map(PlannedNode::name).collect(Collectors.joining(", "))));
        if (!named.isData()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--node " + node + " is a Sentinel, which holds"
                    + " no data: name a data node (the restore goes to its shard's primary)");
        }
        return targets.stream().filter(target -> target.primary().shard() == named.shard()).findFirst()
                .orElseThrow(() -> new SpinelException(SpinelException.Kind.BAD_INPUT, "--node " + node
                        + ": the backup has no part for its shard"));
    }
}

package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.SlotRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which node each part of a backup comes from, decided from one poll: one part for a topology
 * with one primary, one per shard for a cluster. By default a replica whose link is up (the least
 * behind) in Sentinel and Cluster mode, to spare the primaries; the primary otherwise, or when no
 * replica of it is in sync (said in a notice).
 */
final class BackupSources {
    private BackupSources() {
    }

    /**
     * One part of a backup.
     *
     * @param primary the primary whose data this is (the source itself, or the primary it replicates)
     * @param shard   for a cluster: the primary's node id and the slots it serves
     */
    record Part(NodeSample source, NodeSample primary, Optional<Shard> shard) {
    }

    /** A cluster shard as the poll saw it. */
    record Shard(String nodeId, List<SlotRange> slots) {
    }

    record Choice(List<Part> parts, List<String> notices) {
    }

    static Choice choose(Backups.From from, Snapshot snapshot) {
        Mode mode = snapshot.expected().mode();
        List<NodeSample> primaries = snapshot.dataNodes().stream().filter(NodeSample::isPrimary).toList();
        if (primaries.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.FAILED, "no node of " + snapshot.topology() + " answers as"
                    + " primary: run `spinel status` to see why, then `spinel up`");
        }
        boolean wantReplica = from == Backups.From.REPLICA
                || (from == Backups.From.AUTO && (mode == Mode.SENTINEL || mode == Mode.CLUSTER));
        List<Part> parts = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        if (mode == Mode.CLUSTER) {
            checkClusterWhole(snapshot, primaries);
            for (NodeSample primary : primaries) {
                ClusterNode self = myself(primary);
                if (self.slots().isEmpty()) {
                    continue;
                }
                parts.add(new Part(source(primary, snapshot, wantReplica, from, notices), primary,
                        Optional.of(new Shard(self.id(), self.slots()))));
            }
        } else {
            parts.add(new Part(source(primaries.getFirst(), snapshot, wantReplica, from, notices), primaries.getFirst(),
                    Optional.empty()));
        }
        return new Choice(parts, notices);
    }

    private static NodeSample source(NodeSample primary, Snapshot snapshot, boolean wantReplica, Backups.From from,
                                     List<String> notices) {
        if (!wantReplica) {
            return primary;
        }
        Optional<NodeSample> replica = snapshot.dataNodes().stream()
                .filter(n -> n.isReplica() && "up".equals(n.info().masterLinkStatus().orElse(""))
                        && n.info().masterAddress().filter(primary.node().address()::equals).isPresent())
                .min((a, b) -> Long.compare(snapshot.lagBytes(a), snapshot.lagBytes(b)));
        if (replica.isPresent()) {
            return replica.get();
        }
        if (from == Backups.From.REPLICA) {
            throw new SpinelException(SpinelException.Kind.FAILED, "--from replica: no replica of "
                    + primary.node().name() + " is up with its link to it up; back up from the primary with --from primary");
        }
        notices.add("no replica of " + primary.node().name() + " is in sync, so its data comes from the primary");
        return primary;
    }

    /** A backup of a cluster is complete only when every slot is served and none is moving. */
    private static void checkClusterWhole(Snapshot snapshot, List<NodeSample> primaries) {
        List<String> problems = new ArrayList<>();
        int served = 0;
        for (NodeSample primary : primaries) {
            ClusterNode self = myself(primary);
            served += self.slotCount();
            if (!self.migrations().isEmpty()) {
                problems.add(primary.node().name() + " is moving slots " + self.migrations());
            }
        }
        if (served != SlotRange.SLOT_COUNT) {
            problems.add("the reachable primaries serve " + served + " of " + SlotRange.SLOT_COUNT + " slots");
        }
        if (!problems.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.FAILED, "a cluster backup needs every slot of "
                    + snapshot.topology() + " served and still: " + String.join("; ", problems)
                    + ". Run `spinel status`, then back up again");
        }
    }

    private static ClusterNode myself(NodeSample primary) {
        return primary.clusterSelf().orElseThrow(() ->
                new SpinelException(SpinelException.Kind.FAILED, primary.node().name() + " did not report CLUSTER NODES"));
    }
}

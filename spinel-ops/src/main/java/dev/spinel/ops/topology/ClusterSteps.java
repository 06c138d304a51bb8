package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Steps for cluster mode. A brand-new cluster is formed as redis-cli does (distinct config
 * epochs, slots, MEET, REPLICATE) except that every pair of nodes meets directly. Nodes that were
 * part of the cluster rejoin by themselves from their nodes.conf once started; a node that lost
 * its state joins again, as primary of slots nobody serves or as replica of its shard's primary.
 */
final class ClusterSteps {
    private ClusterSteps() {
    }

    static void plan(Planner.Draft draft) {
        List<PlannedNode> data = draft.data();
        draft.ensureDataNodesRunning(data);
        List<PlannedNode> fresh = data.stream().filter(node -> isFresh(draft.seen(node))).toList();
        if (fresh.size() == data.size()) {
            formNew(draft, data);
        } else {
            fresh.forEach(node -> rejoin(draft, node, data.stream().filter(n -> !fresh.contains(n)).toList()));
            restoreNodeTimeout(draft, data);
        }
    }

    /**
     * A formation that was interrupted leaves the fast-gossip node timeout in place on running
     * nodes (it is runtime state only); put the configured one back.
     */
    private static void restoreNodeTimeout(Planner.Draft draft, List<PlannedNode> data) {
        int configured = configuredNodeTimeout(draft.spec);
        List<PlannedNode> off = data.stream().filter(node -> {
            NodeObservation seen = draft.seen(node);
            return seen.running() && seen.clusterNodeTimeoutMillis() != 0 && seen.clusterNodeTimeoutMillis() != configured;
        }).toList();
        if (!off.isEmpty()) {
            draft.actions.add(new Action.SetClusterNodeTimeout(off, configured));
        }
    }

    /** Never part of a cluster: nothing on disk yet, or running without knowing any other node. */
    static boolean isFresh(NodeObservation seen) {
        return seen.running() ? seen.isFreshClusterNode() : !seen.clusterStateExists();
    }

    private static void formNew(Planner.Draft draft, List<PlannedNode> data) {
        List<PlannedNode> primaries = data.stream().filter(n -> n.role() == NodeRole.PRIMARY).toList();
        long epoch = 1;
        for (PlannedNode primary : primaries) {
            draft.actions.add(new Action.SetConfigEpoch(primary, epoch++));
        }
        for (PlannedNode primary : primaries) {
            draft.actions.add(new Action.AddSlots(primary, primary.slots()));
        }
        draft.actions.add(new Action.SetClusterNodeTimeout(data, Tuning.CLUSTER_FORMING_NODE_TIMEOUT_MS));
        for (int i = 0; i < data.size() - 1; i++) {
            draft.actions.add(new Action.Meet(data.get(i), data.subList(i + 1, data.size())));
        }
        for (PlannedNode node : data) {
            node.primary().flatMap(draft::byName)
                    .ifPresent(primary -> draft.actions.add(new Action.Replicate(node, primary)));
        }
        draft.actions.add(new Action.AwaitReady());
        draft.actions.add(new Action.SetClusterNodeTimeout(data, configuredNodeTimeout(draft.spec)));
    }

    /** The cluster-node-timeout in the nodes' configs: Spinel's, or the operator's --set. */
    static int configuredNodeTimeout(Spec spec) {
        String set = spec.settings().get("cluster-node-timeout");
        return set == null ? Tuning.CLUSTER_NODE_TIMEOUT_MS : Integer.parseInt(set.trim());
    }

    /**
     * A fresh node next to a formed cluster. A node whose shard still has a formed member lost its
     * state: it replicates the shard's primary now (or the owner of its planned slots, or takes
     * them when nobody serves them). A node of a shard with no formed member is new, added by
     * {@code spinel scale}: its primary joins without slots, which a rebalance then gives it, and
     * its replicas replicate that primary.
     * (A whole shard that lost its state, whose planned slots nobody serves, takes them back.)
     */
    private static void rejoin(Planner.Draft draft, PlannedNode node, List<PlannedNode> formed) {
        draft.actions.add(new Action.Meet(node, formed));
        PlannedNode shardPrimary = node.primary().flatMap(draft::byName).orElse(node);
        List<PlannedNode> formedShardMates = formed.stream().filter(n -> n.shard() == node.shard()).toList();
        Optional<PlannedNode> livePrimary = formedShardMates.stream()
                .filter(n -> draft.seen(n).running() && draft.seen(n).isPrimary() && !draft.seen(n).ownedSlots().isEmpty())
                .findFirst();
        Optional<PlannedNode> owner = livePrimary.or(() -> ownerOf(draft, shardPrimary.slots(), formed));
        if (formedShardMates.isEmpty() && owner.isPresent()) {
            if (node != shardPrimary) {
                draft.actions.add(new Action.Replicate(node, shardPrimary));
            }
        } else if (owner.isPresent()) {
            draft.actions.add(new Action.Replicate(node, owner.get()));
        } else if (node.role() == NodeRole.PRIMARY) {
            draft.actions.add(new Action.AddSlots(node, node.slots()));
        } else {
            draft.actions.add(new Action.Replicate(node, shardPrimary));
        }
    }

    /** The formed node that serves the first of these slots now, if any observed one does. */
    private static Optional<PlannedNode> ownerOf(Planner.Draft draft, List<SlotRange> slots, List<PlannedNode> formed) {
        if (slots.isEmpty()) {
            return Optional.empty();
        }
        int slot = slots.getFirst().first();
        List<PlannedNode> owners = new ArrayList<>();
        for (PlannedNode candidate : formed) {
            boolean serves = draft.seen(candidate).ownedSlots().stream()
                    .anyMatch(range -> range.first() <= slot && slot <= range.last());
            if (serves) {
                owners.add(candidate);
            }
        }
        return owners.stream().findFirst();
    }
}

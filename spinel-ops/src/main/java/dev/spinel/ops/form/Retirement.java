package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.ErrorReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.process.NetworkNamespaces;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Trees;
import dev.spinel.ops.topology.NamespaceLayout;
import dev.spinel.ops.topology.Network;
import dev.spinel.ops.topology.PlannedNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Takes drained nodes out of a cluster for good: every other node forgets them, then each stops
 * (once its clients are quiet) and its folder goes, with its network namespace if it has one. A
 * node that still serves a slot, or a primary that still holds a key, is refused: nothing is
 * retired with data in it.
 */
final class Retirement {
    private Retirement() {
    }

    /**
     * @param present   the cluster's nodes that still exist, the removed ones included
     * @param remaining the nodes that stay
     * @param deadline  when to stop waiting for a replica moved back to its shard to know its new primary
     * @return warnings: clients that still sent a removed node commands when it stopped, namespaces left behind
     */
    static List<String> retire(ProjectDir project, AdminSession admin, Network network, List<PlannedNode> present,
                               List<PlannedNode> remaining, List<PlannedNode> removed, Deadline deadline,
                               Consumer<String> log) {
        ClusterView view = ClusterView.read(admin, present);
        for (PlannedNode node : removed) {
            ClusterNode self = view.selves().get(node.name());
            long keys = admin.node(node.host(), node.port()).dbsize();
            if (self.slotCount() > 0 || (self.isPrimary() && keys > 0)) {
                throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " still serves "
                        + self.slotCount() + " slots and holds " + keys + " keys after the rebalance;"
                        + " it stays in the cluster. Run spinel scale again to finish");
            }
        }
        Set<String> removedIds = removed.stream().map(node -> view.selves().get(node.name()).id())
                .collect(Collectors.toSet());
        for (PlannedNode node : remaining) {
            ClusterNode self = view.selves().get(node.name());
            if (!self.isPrimary() && self.primaryId().filter(removedIds::contains).isPresent()) {
                // Moved over by replica migration: back to a primary of its own shard.
                ClusterNode shardPrimary = remaining.stream().filter(n -> n.shard() == node.shard())
                        .map(n -> view.selves().get(n.name())).filter(ClusterNode::isPrimary).findFirst()
                        .orElseThrow(() -> new SpinelException(SpinelException.Kind.BLOCKED, "shard "
                                + node.shard() + " has no primary to give " + node.name() + " back to"));
                replicateOnceKnownPrimary(admin.node(node.host(), node.port()), node, shardPrimary,
                        view.nameOf(shardPrimary.id()), deadline);
                log.accept(node.name() + " replicates " + view.nameOf(shardPrimary.id()) + " again");
            }
        }
        for (PlannedNode node : remaining) {
            NodeAdmin live = admin.node(node.host(), node.port());
            for (String id : removedIds) {
                forget(live, id);
            }
        }
        log.accept("the other nodes forgot " + removed.stream().map(PlannedNode::name).collect(Collectors.joining(", ")));
        List<String> warnings = new ArrayList<>();
        removed.forEach(node -> QuietClients.await(admin, node).ifPresent(warnings::add));
        log.accept("clients of the removed nodes are quiet, or named in a warning");
        List<PlannedNode> replicasFirst = removed.stream()
                .sorted(Comparator.comparing((PlannedNode node) -> view.selves().get(node.name()).isPrimary()))
                .toList();
        for (PlannedNode node : replicasFirst) {
            log.accept("stopping " + node.name());
            Down.stopNode(project, node, admin);
            try {
                Trees.delete(project.nodeDir(node.name()));
            } catch (IOException e) {
                throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " is out of the cluster and"
                        + " stopped, but its folder could not be deleted: " + e.getMessage(), e);
            }
            if (network == Network.NAMESPACES) {
                try {
                    NetworkNamespaces.remove(List.of(node.host()));
                } catch (RuntimeException e) {
                    // The node is out and stopped: a namespace left behind must not stop the spec being written.
                    warnings.add(node.name() + " is retired but its network namespace "
                            + NamespaceLayout.namespace(node.host()) + " was not removed: " + e.getMessage());
                }
            }
            log.accept("retired " + node.name());
        }
        return warnings;
    }

    /**
     * CLUSTER REPLICATE of {@code primary}. Right after a hand-over the node may not have heard yet,
     * by gossip, that its new primary is one ("I can only replicate a master, not a replica"): it
     * is asked again until it has, or the deadline passes.
     */
    private static void replicateOnceKnownPrimary(NodeAdmin replica, PlannedNode node, ClusterNode primary,
                                                  String primaryName, Deadline deadline) {
        Waits.until(node.name() + " to know " + primaryName + " as a primary", deadline, () -> {
            try {
                replica.clusterReplicate(primary.id());
                return Waits.Check.ok();
            } catch (ErrorReply e) {
                if (String.valueOf(e.getMessage()).contains("only replicate a master")) {
                    return Waits.Check.notYet(e.getMessage());
                }
                throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " would not replicate "
                        + primaryName + ": " + e.getMessage(), e);
            }
        });
    }

    /** CLUSTER FORGET on one node; a node it does not know (forgotten before) is no error. */
    static void forget(NodeAdmin live, String id) {
        try {
            live.clusterForget(id);
        } catch (ErrorReply e) {
            if (!String.valueOf(e.getMessage()).contains("Unknown node")) {
                throw new SpinelException(SpinelException.Kind.FAILED, live.address() + " would not forget " + id
                        + ": " + e.getMessage(), e);
            }
        }
    }
}

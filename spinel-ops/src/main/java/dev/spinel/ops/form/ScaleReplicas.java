package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.WriterLock;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.Spec;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * {@code spinel scale --replicas R}: adds replicas to every shard (up starts them, each joins as
 * a replica of its shard's primary and syncs) or removes the highest-numbered ones. A node to be
 * removed that is a primary now (after a failover) first hands its slots to a replica that stays;
 * then the removed nodes are retired. No slot moves.
 */
final class ScaleReplicas {
    private ScaleReplicas() {
    }

    static Scale.Result apply(ProjectDir project, WriterLock lock, AdminSession admin, Spec current, Spec wanted,
                              Scale.Request request) {
        if (current.shards() > current.formedShards()) {
            // Added shards take their ports after the formed block, in steps of 1 + replicas: a new
            // count would move them. Scale.steps drains them first; a caller of this alone must too.
            throw new SpinelException(SpinelException.Kind.BLOCKED, "this cluster has shards that spinel scale"
                    + " added, whose ports depend on the replica count: scale back to --shards "
                    + current.formedShards() + " first, change the replicas, then add the shards again");
        }
        List<PlannedNode> before = Scale.dataNodes(current);
        List<PlannedNode> after = Scale.dataNodes(wanted);
        List<PlannedNode> added = after.stream().filter(node -> !contains(before, node)).toList();
        List<PlannedNode> removed = before.stream().filter(node -> !contains(after, node))
                .filter(node -> Files.isDirectory(project.nodeDir(node.name()))).toList();
        List<String> addedNames = added.stream().map(PlannedNode::name).toList();
        List<String> removedNames = removed.stream().map(PlannedNode::name).toList();
        if (request.options().dryRun()) {
            return new Scale.Result("replicas per shard", current.replicas(), wanted.replicas(), addedNames,
                    removedNames, Optional.empty(), List.of());
        }
        if (!added.isEmpty()) {
            Scale.startAdded(project, lock, admin, current, wanted, added, request);
            return new Scale.Result("replicas per shard", current.replicas(), wanted.replicas(), addedNames,
                    List.of(), Optional.empty(), List.of());
        }
        List<PlannedNode> present = before.stream().filter(node -> Files.isDirectory(project.nodeDir(node.name())))
                .toList();
        ClusterView view = ClusterView.read(admin, present);
        for (PlannedNode node : removed) {
            if (view.selves().get(node.name()).isPrimary()) {
                HandOver.to(admin, view, after, node, request.log());
                view = ClusterView.read(admin, present);
            }
        }
        List<String> warnings = Retirement.retire(project, admin, current.network(), present, after, removed,
                Deadline.in(request.timeout()), request.log());
        Scale.writeSpec(project, wanted);
        Up.upHolding(lock, Up.Request.again(project.root(), request.timeout(), request.spinelVersion(),
                request.log()));
        return new Scale.Result("replicas per shard", current.replicas(), wanted.replicas(), List.of(), removedNames,
                Optional.empty(), warnings);
    }

    private static boolean contains(List<PlannedNode> nodes, PlannedNode node) {
        return nodes.stream().anyMatch(other -> other.name().equals(node.name()));
    }
}

package dev.spinel.ops.monitor;

import dev.spinel.ops.admin.ClusterInfoReply;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import java.util.List;
import java.util.Optional;

/**
 * One node as one poll saw it. An unreachable node has {@code error} set and nothing else; a
 * reachable one has its INFO, and what its kind adds (CLUSTER INFO and NODES, or the Sentinel's view).
 *
 * @param rttMicros PING round trip, or -1 when the node did not answer
 */
public record NodeSample(NodeRef node, String error, long rttMicros, InfoReply info, ClusterInfoReply clusterInfo,
                         List<ClusterNode> clusterNodes, SentinelObservation sentinel) {

    public NodeSample {
        clusterNodes = clusterNodes == null ? List.of() : List.copyOf(clusterNodes);
    }

    public static NodeSample unreachable(NodeRef node, String error) {
        return new NodeSample(node, error, -1, null, null, List.of(), null);
    }

    public boolean reachable() {
        return error == null;
    }

    /** {@code primary}, {@code replica}, {@code sentinel}, or {@code unknown} for a node that did not answer. */
    public String role() {
        if (!reachable()) {
            return "unknown";
        }
        if (node.kind() == NodeRef.Kind.SENTINEL) {
            return "sentinel";
        }
        return switch (info.role()) {
            case "master" -> "primary";
            case "slave" -> "replica";
            default -> info.role();
        };
    }

    public boolean isPrimary() {
        return "primary".equals(role());
    }

    public boolean isReplica() {
        return "replica".equals(role());
    }

    /** The node's own line of CLUSTER NODES; empty outside a cluster or when it did not answer. */
    public Optional<ClusterNode> clusterSelf() {
        return clusterNodes.stream().filter(ClusterNode::isMyself).findFirst();
    }

    /** A numeric INFO field, or empty when unreachable or absent. */
    public Optional<Long> number(String field) {
        if (info == null) {
            return Optional.empty();
        }
        return info.field(field).map(InfoReply::parseNumber);
    }
}

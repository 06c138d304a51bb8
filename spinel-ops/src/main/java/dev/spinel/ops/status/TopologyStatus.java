package dev.spinel.ops.status;

import java.util.List;

/** The live topology, as {@code spinel status} shows it. */
public record TopologyStatus(String mode, String project, List<NodeStatus> nodes, ClusterStatus cluster) {

    /** The cluster-wide view, from the first node that answers; null outside cluster mode. */
    public record ClusterStatus(String state, long slotsAssigned, long slotsOk, long knownNodes, long currentEpoch,
                                String readFrom) {
    }

    public long nodesUp() {
        return nodes.stream().filter(n -> "up".equals(n.state())).count();
    }
}

package dev.spinel.ops.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One poll of every node of a topology, with the health judged from it. Immutable: the poller
 * publishes one per period and everything else (API, metrics, dashboard, events) reads them.
 */
public record Snapshot(long sequence, Instant at, String topology, Expectations expected, List<NodeSample> nodes,
                       Health health) {
    public Snapshot {
        nodes = List.copyOf(nodes);
    }

    public static Snapshot of(long sequence, Instant at, String topology, Expectations expected,
                              List<NodeSample> nodes) {
        return new Snapshot(sequence, at, topology, expected, nodes, HealthRules.evaluate(expected, nodes));
    }

    public Optional<NodeSample> node(String name) {
        return nodes.stream().filter(n -> n.node().name().equals(name)).findFirst();
    }

    public List<NodeSample> dataNodes() {
        return nodes.stream().filter(n -> n.node().kind() == NodeRef.Kind.DATA).toList();
    }

    public List<NodeSample> sentinels() {
        return nodes.stream().filter(n -> n.node().kind() == NodeRef.Kind.SENTINEL).toList();
    }

    /** Bytes a replica is behind its primary (the primary's offset minus its own); 0 when either is unknown. */
    public long lagBytes(NodeSample replica) {
        if (!replica.reachable()) {
            return 0;
        }
        String primary = replica.info().masterAddress().orElse(null);
        return dataNodes().stream().filter(n -> n.reachable() && n.node().address().equals(primary)).findFirst()
                .map(p -> Math.max(0, p.info().replicationOffset() - replica.info().replicationOffset())).orElse(0L);
    }

    /** The node with a given address, by its name in this topology when it is one of ours. */
    public String nameOf(String address) {
        return nodes.stream().filter(n -> n.node().address().equals(address)).map(n -> n.node().name()).findFirst()
                .orElse(address);
    }
}

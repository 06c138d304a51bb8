package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lays the nodes of a spec out: names, ports, hosts, roles and slots. Ports go up from the
 * base in node order (primaries first, then replicas, as redis-cli orders a 6-node cluster:
 * 7000-7002 primaries, 7003-7005 replicas). With several hosts, primaries are spread round-robin
 * and each replica goes to the next host after its primary's, so it never shares its host.
 */
public final class LayoutPlanner {
    private LayoutPlanner() {
    }

    public static List<PlannedNode> layout(Spec spec) {
        List<PlannedNode> nodes = new ArrayList<>();
        List<String> hosts = spec.hosts();
        int shards = spec.mode() == Mode.CLUSTER ? spec.shards() : 1;
        List<SlotRange> slots = spec.mode() == Mode.CLUSTER ? SlotAllocator.split(shards) : List.of();
        int port = spec.portBase();
        List<PlannedNode> primaries = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            String host = hosts.get(shard % hosts.size());
            PlannedNode primary = new PlannedNode(dataName(port), NodeKind.DATA, host, port++,
                    spec.mode() == Mode.CLUSTER ? shard : 0, NodeRole.PRIMARY, Optional.empty(),
                    spec.mode() == Mode.CLUSTER ? List.of(slots.get(shard)) : List.of());
            primaries.add(primary);
            nodes.add(primary);
        }
        for (int replica = 0; replica < spec.replicas(); replica++) {
            for (int shard = 0; shard < shards; shard++) {
                PlannedNode primary = primaries.get(shard);
                String host = hosts.get(replicaHost(shard % hosts.size(), replica, hosts.size()));
                nodes.add(new PlannedNode(dataName(port), NodeKind.DATA, host, port++, primary.shard(),
                        NodeRole.REPLICA, Optional.of(primary.name()), List.of()));
            }
        }
        for (int i = 0; i < spec.sentinels(); i++) {
            int sentinelPort = spec.sentinelPortBase() + i;
            nodes.add(new PlannedNode("sentinel-" + sentinelPort, NodeKind.SENTINEL, hosts.get(i % hosts.size()),
                    sentinelPort, -1, NodeRole.SENTINEL, Optional.empty(), List.of()));
        }
        if (spec.network() == Network.NAMESPACES) {
            // Each node its own address, in a namespace of its own: no host is shared.
            for (int i = 0; i < nodes.size(); i++) {
                PlannedNode n = nodes.get(i);
                nodes.set(i, new PlannedNode(n.name(), n.kind(), NamespaceLayout.nodeHost(spec, i), n.port(), n.shard(),
                        n.role(), n.primary(), n.slots()));
            }
        }
        return List.copyOf(nodes);
    }

    /** Any host but the primary's: offsets 1..hosts-1 from it, cycling over the replicas. */
    static int replicaHost(int primaryHost, int replica, int hostCount) {
        if (hostCount == 1) {
            return 0;
        }
        return (primaryHost + 1 + replica % (hostCount - 1)) % hostCount;
    }

    private static String dataName(int port) {
        return "redis-" + port;
    }
}

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
        List<PlannedNode> primaries = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            String host = hosts.get(shard % hosts.size());
            int port = dataPort(spec, shard, 0);
            PlannedNode primary = new PlannedNode(dataName(port), NodeKind.DATA, host, port,
                    spec.mode() == Mode.CLUSTER ? shard : 0, NodeRole.PRIMARY, Optional.empty(),
                    spec.mode() == Mode.CLUSTER ? List.of(slots.get(shard)) : List.of());
            primaries.add(primary);
            nodes.add(primary);
        }
        for (int replica = 0; replica < spec.replicas(); replica++) {
            for (int shard = 0; shard < shards; shard++) {
                PlannedNode primary = primaries.get(shard);
                String host = hosts.get(replicaHost(shard % hosts.size(), replica, hosts.size()));
                int port = dataPort(spec, shard, 1 + replica);
                nodes.add(new PlannedNode(dataName(port), NodeKind.DATA, host, port, primary.shard(),
                        NodeRole.REPLICA, Optional.of(primary.name()), List.of()));
            }
        }
        for (int i = 0; i < spec.sentinels(); i++) {
            int sentinelPort = spec.sentinelPortBase() + i;
            nodes.add(new PlannedNode("sentinel-" + sentinelPort, NodeKind.SENTINEL, hosts.get(i % hosts.size()),
                    sentinelPort, -1, NodeRole.SENTINEL, Optional.empty(), List.of()));
        }
        if (spec.network() == Network.NAMESPACES) {
            // Each node its own address, in a namespace of its own: no host is shared. The address
            // follows the port, as the port follows the shard, so scaling never moves a node.
            int dataSpan = lastDataPort(spec) - spec.portBase() + 1;
            for (int i = 0; i < nodes.size(); i++) {
                PlannedNode n = nodes.get(i);
                int offset = n.kind() == NodeKind.SENTINEL ? dataSpan + n.port() - spec.sentinelPortBase()
                        : n.port() - spec.portBase();
                nodes.set(i, new PlannedNode(n.name(), n.kind(), NamespaceLayout.nodeHost(spec, offset), n.port(),
                        n.shard(), n.role(), n.primary(), n.slots()));
            }
        }
        return List.copyOf(nodes);
    }

    /**
     * The port of a shard's primary ({@code member} 0) or of its replica {@code member - 1}. The
     * shards a cluster was formed with lie in one block, primaries first; shards added later follow
     * it, each as its primary and then its replicas, so scaling never moves an existing node.
     */
    static int dataPort(Spec spec, int shard, int member) {
        int block = spec.mode() == Mode.CLUSTER ? spec.formedShards() : 1;
        if (shard < block) {
            return spec.portBase() + member * block + shard;
        }
        int perShard = 1 + spec.replicas();
        return spec.portBase() + block * perShard + (shard - block) * perShard + member;
    }

    /** The highest port a data node of the spec listens on. */
    public static int lastDataPort(Spec spec) {
        int shards = spec.mode() == Mode.CLUSTER ? spec.shards() : 1;
        int last = 0;
        for (int shard = 0; shard < shards; shard++) {
            last = Math.max(last, dataPort(spec, shard, spec.replicas()));
        }
        return last;
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

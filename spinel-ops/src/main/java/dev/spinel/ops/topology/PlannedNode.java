package dev.spinel.ops.topology;

import java.util.List;
import java.util.Optional;

/**
 * One process of the topology as planned.
 *
 * @param name stable name, also its folder under {@code nodes/}: {@code redis-<port>} or {@code sentinel-<port>}
 * @param shard the shard in cluster mode, 0 otherwise; -1 for Sentinels
 * @param primary for a replica, the name of the primary it is formed under
 * @param slots for a cluster primary, the slots it is formed with
 */
public record PlannedNode(
        String name,
        NodeKind kind,
        String host,
        int port,
        int shard,
        NodeRole role,
        Optional<String> primary,
        List<SlotRange> slots) {

    public PlannedNode {
        slots = List.copyOf(slots);
    }

    public String address() {
        return Addresses.of(host, port);
    }

    public boolean isData() {
        return kind == NodeKind.DATA;
    }
}

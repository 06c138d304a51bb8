package dev.spinel.ops.admin;

import dev.spinel.ops.topology.Addresses;
import dev.spinel.ops.topology.SlotRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses CLUSTER SHARDS (Redis 7.0+): a list of shards, each a map of {@code slots} (flat start/end
 * pairs) and {@code nodes} (maps of id, port, ip, endpoint, role, replication-offset, health).
 * Maps arrive as RESP3 maps or as flat key/value lists (RESP2), so both are read.
 */
public final class ClusterShardsReply {
    private ClusterShardsReply() {
    }

    /** One shard: the slots it serves and its nodes, primary first as Redis lists them. */
    public record Shard(List<SlotRange> slots, List<ShardNode> nodes) {
        public Shard {
            slots = List.copyOf(slots);
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * A node of a shard. Redis 7.0 reports a replica whose replication offset is still 0 as
     * {@code loading} even once it is in sync; read health together with the offset.
     */
    public record ShardNode(String id, String ip, int port, String endpoint, String role, long replicationOffset,
                            String health) {
        public boolean isPrimary() {
            return "master".equals(role);
        }

        public String address() {
            return Addresses.of(ip, port);
        }
    }

    public static List<Shard> parse(List<?> reply) {
        List<Shard> shards = new ArrayList<>();
        for (Object entry : reply) {
            Map<String, Object> shard = asMap(entry);
            List<?> bounds = (List<?>) shard.getOrDefault("slots", List.of());
            List<SlotRange> slots = new ArrayList<>();
            for (int i = 0; i + 1 < bounds.size(); i += 2) {
                slots.add(new SlotRange((int) number(bounds.get(i)), (int) number(bounds.get(i + 1))));
            }
            List<ShardNode> nodes = new ArrayList<>();
            for (Object nodeEntry : (List<?>) shard.getOrDefault("nodes", List.of())) {
                Map<String, Object> node = asMap(nodeEntry);
                nodes.add(new ShardNode(text(node.get("id")), text(node.get("ip")), (int) number(node.get("port")),
                        text(node.get("endpoint")), text(node.get("role")), number(node.get("replication-offset")),
                        text(node.get("health"))));
            }
            shards.add(new Shard(slots, nodes));
        }
        return shards;
    }

    private static Map<String, Object> asMap(Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> map.put(text(k), v));
        } else if (value instanceof List<?> flat) {
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                map.put(text(flat.get(i)), flat.get(i + 1));
            }
        } else {
            throw new IllegalArgumentException("CLUSTER SHARDS: expected a map, got " + value);
        }
        return map;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : InfoReply.parseNumber(String.valueOf(value));
    }
}

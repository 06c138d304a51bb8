package dev.spinel.ops.admin;

import java.util.Map;

/** A parsed CLUSTER INFO reply ({@code cluster_state:ok}, {@code cluster_slots_assigned:16384}, ...). */
public record ClusterInfoReply(Map<String, String> fields) {
    public ClusterInfoReply {
        fields = Map.copyOf(fields);
    }

    public static ClusterInfoReply parse(String text) {
        return new ClusterInfoReply(InfoReply.parse(text).section("default"));
    }

    public boolean isOk() {
        return "ok".equals(fields.get("cluster_state"));
    }

    public String state() {
        return fields.getOrDefault("cluster_state", "unknown");
    }

    public long number(String field) {
        return InfoReply.parseNumber(fields.getOrDefault(field, "0"));
    }

    public long slotsAssigned() {
        return number("cluster_slots_assigned");
    }

    public long slotsOk() {
        return number("cluster_slots_ok");
    }

    public long knownNodes() {
        return number("cluster_known_nodes");
    }

    public long currentEpoch() {
        return number("cluster_current_epoch");
    }
}

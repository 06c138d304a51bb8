package dev.spinel.ops.web;

import java.util.List;

/**
 * INFO fields and the names redis_exporter gives them, in one table, so existing Grafana boards
 * work on Spinel's /metrics. docs/metrics.md is written from this table (its test keeps them equal).
 */
public final class InfoMetrics {
    /** A gauge or a counter (a counter's exposed name ends in _total). */
    public enum Type {
        GAUGE, COUNTER
    }

    /** One INFO field as a metric. */
    public record Entry(String field, String name, Type type, String help) {
        /** The name as exposed: counters end in _total. */
        public String exposedName() {
            return type == Type.COUNTER ? name + "_total" : name;
        }
    }

    public static final List<Entry> TABLE = List.of(
            new Entry("uptime_in_seconds", "redis_uptime_in_seconds", Type.GAUGE, "Seconds since the node started."),
            new Entry("connected_clients", "redis_connected_clients", Type.GAUGE, "Client connections."),
            new Entry("blocked_clients", "redis_blocked_clients", Type.GAUGE, "Clients in a blocking call."),
            new Entry("used_memory", "redis_memory_used_bytes", Type.GAUGE, "Memory used by Redis."),
            new Entry("used_memory_rss", "redis_memory_used_rss_bytes", Type.GAUGE, "Resident memory of the process."),
            new Entry("used_memory_peak", "redis_memory_used_peak_bytes", Type.GAUGE, "Peak memory used."),
            new Entry("maxmemory", "redis_memory_max_bytes", Type.GAUGE, "maxmemory (0: no limit)."),
            new Entry("mem_fragmentation_ratio", "redis_mem_fragmentation_ratio", Type.GAUGE, "RSS over used memory."),
            new Entry("total_connections_received", "redis_connections_received", Type.COUNTER,
                    "Connections accepted."),
            new Entry("total_commands_processed", "redis_commands_processed", Type.COUNTER, "Commands processed."),
            new Entry("instantaneous_ops_per_sec", "redis_instantaneous_ops_per_sec", Type.GAUGE,
                    "Commands per second, as Redis samples it."),
            new Entry("total_net_input_bytes", "redis_net_input_bytes", Type.COUNTER, "Bytes read from the network."),
            new Entry("total_net_output_bytes", "redis_net_output_bytes", Type.COUNTER,
                    "Bytes written to the network."),
            new Entry("rejected_connections", "redis_rejected_connections", Type.COUNTER,
                    "Connections refused for maxclients."),
            new Entry("expired_keys", "redis_expired_keys", Type.COUNTER, "Keys removed because their TTL ran out."),
            new Entry("evicted_keys", "redis_evicted_keys", Type.COUNTER, "Keys evicted for maxmemory."),
            new Entry("keyspace_hits", "redis_keyspace_hits", Type.COUNTER, "Lookups that found their key."),
            new Entry("keyspace_misses", "redis_keyspace_misses", Type.COUNTER, "Lookups that did not."),
            new Entry("connected_slaves", "redis_connected_slaves", Type.GAUGE, "Replicas attached to this node."),
            new Entry("master_repl_offset", "redis_master_repl_offset", Type.GAUGE, "Replication offset."),
            new Entry("rdb_changes_since_last_save", "redis_rdb_changes_since_last_save", Type.GAUGE,
                    "Writes since the last RDB save."),
            new Entry("rdb_last_save_time", "redis_rdb_last_save_timestamp_seconds", Type.GAUGE,
                    "Time of the last RDB save."),
            new Entry("aof_enabled", "redis_aof_enabled", Type.GAUGE, "1 when AOF is on."),
            new Entry("aof_rewrite_in_progress", "redis_aof_rewrite_in_progress", Type.GAUGE,
                    "1 during an AOF rewrite."),
            new Entry("cluster_enabled", "redis_cluster_enabled", Type.GAUGE, "1 in cluster mode."));

    private InfoMetrics() {
    }
}

package dev.spinel.ops.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator asked for, after defaults: the single input of the planner besides observed
 * state. Never {@link Mode#AUTO}: {@link SpecResolver} turns that into a concrete mode.
 *
 * @param formedShards cluster mode: the shards the cluster was formed with, whose ports lie in one
 *                     block (primaries, then replicas); shards added later by {@code spinel scale}
 *                     take the ports after it, one shard after another. 0 outside cluster mode
 * @param replicas replicas per primary (per shard in cluster mode)
 * @param hosts loopback or host addresses data nodes are spread over; replicas avoid their
 *              primary's host whenever there is more than one
 * @param settings redis.conf directives applied to every data node, after Spinel's own
 * @param backup   scheduled backups for {@code spinel serve}, when the spec has a {@code backup:} block
 * @param downAfterMillis Sentinel's {@code down-after-milliseconds}; 0 without Sentinels
 * @param durability what a primary demands before it accepts a write
 * @param network  where the nodes listen: all on loopback, or each in a network namespace of its own
 * @param audit    scheduled consistency audits for {@code spinel serve}, when the spec has an {@code audit:} block
 */
public record Spec(
        Mode mode,
        int shards,
        int formedShards,
        int replicas,
        int sentinels,
        int quorum,
        String masterName,
        int portBase,
        int sentinelPortBase,
        List<String> hosts,
        Profile profile,
        Map<String, String> settings,
        Optional<BackupSchedule> backup,
        int downAfterMillis,
        Durability durability,
        Network network,
        Optional<AuditSchedule> audit) {

    public static final int DEFAULT_REPLICAS = 2;
    public static final int DEFAULT_CLUSTER_SHARDS = 3;
    public static final int DEFAULT_CLUSTER_REPLICAS = 1;
    public static final int DEFAULT_SENTINELS = 3;
    public static final int DEFAULT_QUORUM = 2;
    public static final String DEFAULT_MASTER_NAME = "mymaster";
    public static final int DEFAULT_PORT_BASE = 6379;
    public static final int DEFAULT_CLUSTER_PORT_BASE = 7000;
    public static final int DEFAULT_SENTINEL_PORT_BASE = 26379;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public Spec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(masterName, "masterName");
        Objects.requireNonNull(profile, "profile");
        if (mode == Mode.AUTO) {
            throw new IllegalArgumentException("mode auto must be resolved first");
        }
        hosts = List.copyOf(hosts);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(audit, "audit");
    }

    /** Number of redis-server processes that hold data. */
    public int dataNodeCount() {
        return switch (mode) {
            case STANDALONE -> 1;
            case REPLICATION, SENTINEL -> 1 + replicas;
            case CLUSTER -> shards * (1 + replicas);
            case AUTO -> throw new IllegalStateException("auto is resolved before a Spec is made");
        };
    }

    public boolean hasSentinels() {
        return mode == Mode.SENTINEL;
    }
}

package dev.spinel.ops.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code backup.json}: what a backup holds and how to check it. Written last, atomically: a
 * folder without it is not a backup.
 *
 * @param keys keys per database ({@code db0}), counted by loading the backup into a throwaway
 *             redis-server when {@code keysVerified}, else as the source node reported them when
 *             the snapshot began
 * @param source      the node the snapshot came from; null for a cluster, whose {@code shards} say it
 * @param replication the snapshot's replication id and offset; null for a cluster
 * @param shards      a cluster's parts, one per primary; empty otherwise
 * @param expires how many of those keys have a time to live, per database: they may be gone
 *                by the time the backup is loaded again
 */
public record BackupMetadata(
        int format,
        String id,
        @JsonProperty("created_at") String createdAt,
        String type,
        String mode,
        String compression,
        @JsonProperty("spinel_version") String spinelVersion,
        @JsonProperty("redis_version") String redisVersion,
        Source source,
        List<Node> nodes,
        Replication replication,
        Map<String, Long> keys,
        Map<String, Long> expires,
        @JsonProperty("keys_verified") boolean keysVerified,
        @JsonProperty("duration_ms") long durationMillis,
        List<FileEntry> files,
        List<Shard> shards) {

    public static final int FORMAT = 1;
    public static final String FILE = "backup.json";

    /** The node the snapshot came from. */
    public record Source(String node, String address, String role) {
    }

    /** A node of the topology and its role when the backup was taken. */
    public record Node(String name, String address, String role) {
    }

    /**
     * One shard of a cluster backup: the primary that served {@code slots} (by name, cluster node id
     * and address), the node its snapshot came from, its file, and its keys (and keys with a TTL:
     * absent in backups taken before it was recorded) per database.
     */
    public record Shard(String primary, @JsonProperty("node_id") String nodeId, String address, List<String> slots,
                        Source source, Replication replication, String file, Map<String, Long> keys,
                        Map<String, Long> expires) {

        public KeyCounts keyCounts() {
            return new KeyCounts(keys, expires == null ? Map.of() : expires);
        }
    }

    /** The replication id and offset the snapshot corresponds to (PSYNC's +FULLRESYNC). */
    public record Replication(String id, long offset) {
    }

    /** One file of the backup: its size as stored, its size as Redis wrote it, and its SHA-256. */
    public record FileEntry(String name, String node, long bytes, @JsonProperty("rdb_bytes") long rdbBytes,
                            String sha256) {
    }

    /** Keys and keys with a TTL; a backup.json without {@code expires} counts none. */
    public KeyCounts keyCounts() {
        return new KeyCounts(keys, expires == null ? Map.of() : expires);
    }

    /**
     * What loads into one node each, one per part: the RDB files, or for an AOF-only backup the
     * AOF folders ({@code redis-7000.aof}). Both kinds hold the same data; the RDB is simpler.
     */
    public List<String> loadableParts() {
        List<String> rdb = files.stream().map(FileEntry::name).filter(name -> !name.contains("/")).toList();
        return !rdb.isEmpty() ? rdb : files.stream().map(file -> file.name().substring(0, file.name().indexOf('/')))
                .distinct().toList();
    }

    public boolean isCluster() {
        return shards != null && !shards.isEmpty();
    }

    public long totalKeys() {
        return keys.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::bytes).sum();
    }
}

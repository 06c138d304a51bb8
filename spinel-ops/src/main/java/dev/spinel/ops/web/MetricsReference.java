package dev.spinel.ops.web;

/**
 * docs/metrics.md, written from {@link InfoMetrics#TABLE} and the topology metrics, so the
 * reference cannot drift from what /metrics serves (a test compares the two).
 */
public final class MetricsReference {
    private MetricsReference() {
    }

    public static String markdown() {
        StringBuilder doc = new StringBuilder("""
                # Metrics reference

                Served by the console at `/metrics` in Prometheus's text format. This file is generated from
                `InfoMetrics.TABLE` (`MetricsReferenceTest` fails when they differ; run it with
                `-Dspinel.updateDocs=true` to rewrite this file).

                Per-node metrics carry redis_exporter's names, so existing Grafana boards work, and two labels:
                `addr` (host:port) and `alias` (the node's name in the spec). Topology metrics carry `topology`
                (the project folder) and `mode`.

                ## Per node, from INFO

                | metric | type | INFO field | meaning |
                |---|---|---|---|
                """);
        for (InfoMetrics.Entry entry : InfoMetrics.TABLE) {
            doc.append("| `").append(entry.exposedName()).append("` | ").append(entry.type().name().toLowerCase())
                    .append(" | `").append(entry.field()).append("` | ").append(entry.help()).append(" |\n");
        }
        doc.append("""

                ## Per node, other

                | metric | type | meaning |
                |---|---|---|
                | `redis_up` | gauge | 1 when the node answered the last poll, else 0 (always present). |
                | `redis_instance_info` | gauge | 1, with `role`, `redis_version` and `redis_mode` labels. |
                | `redis_db_keys` | gauge | Keys per database (`db` label), from the Keyspace section. |
                | `redis_master_link_up` | gauge | Replicas: 1 when `master_link_status:up`. |
                | `redis_cluster_state` | gauge | Cluster nodes: 1 when `cluster_state:ok`. |
                | `redis_cluster_slots_assigned`, `redis_cluster_slots_ok`, `redis_cluster_known_nodes` | gauge | From CLUSTER INFO. |
                | `redis_sentinel_master_status` | gauge | Sentinels: 1 when the watched primary is not flagged down. |
                | `redis_sentinel_master_slaves`, `redis_sentinel_master_sentinels` | gauge | Replicas and Sentinels a Sentinel knows. |
                | `spinel_node_rtt_seconds` | gauge | PING round trip of the last poll. |
                | `spinel_replica_lag_bytes` | gauge | Replicas: bytes behind the primary's replication offset. |

                ## Per topology

                | metric | type | meaning |
                |---|---|---|
                | `spinel_healthy` | gauge | 1 when healthy. |
                | `spinel_health_status` | gauge | 0 healthy, 1 degraded, 2 down. |
                | `spinel_health_reasons` | gauge | Current reasons by `code` (see docs/console.md). |
                | `spinel_nodes`, `spinel_nodes_up` | gauge | Nodes watched, and those that answered. |
                | `spinel_last_poll_timestamp_seconds` | gauge | When the last poll finished. |
                | `spinel_failovers_total` | counter | Failovers seen since the console started. |
                | `spinel_events_total` | counter | Events raised since the console started, by `type`. |
                | `spinel_backup_last_success_timestamp_seconds` | gauge | When the newest backup finished (any backup in the backup folder, scheduled or not). |
                | `spinel_backup_last_success_duration_seconds`, `spinel_backup_last_success_size_bytes`, `spinel_backup_last_success_keys` | gauge | How long it took, its size as stored, its keys. |
                | `spinel_backup_last_failure_timestamp_seconds` | gauge | When the last backup the console took (on its schedule or asked for over its API) failed (absent until one does). |
                | `spinel_audit_last_run_timestamp_seconds`, `spinel_audit_last_run_duration_seconds` | gauge | When the last scheduled consistency audit finished, and how long it took (absent until one ran). |
                | `spinel_audit_last_run_failed` | gauge | 1 when it could not run at all (a node down). |
                | `spinel_audit_last_run_keys_compared` | gauge | Keys compared over every primary-replica pair. |
                | `spinel_audit_last_run_keys{kind}` | gauge | Keys a replica lacks (`missing`), has that its primary lacks (`extra`), or holds otherwise (`differing`). |
                | `spinel_audit_last_run_inconclusive_pairs` | gauge | Pairs a failover or a lagging replica left unaudited. |
                """);
        return doc.toString();
    }
}

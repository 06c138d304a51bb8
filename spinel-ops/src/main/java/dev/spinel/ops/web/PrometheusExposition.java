package dev.spinel.ops.web;

import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.monitor.AuditRuns;
import dev.spinel.ops.monitor.BackupRuns;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.HealthCode;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Snapshot;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The /metrics text: per-node metrics under redis_exporter's names (labelled {@code addr} and
 * {@code alias}, the node's name), topology-level ones as {@code spinel_*}. Written by the
 * Prometheus client library's own text-format writer. Passwords never appear: no label or value
 * comes from a config field.
 */
public final class PrometheusExposition {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private PrometheusExposition() {
    }

    public static String render(Snapshot snapshot, Map<EventType, Long> eventCounts) {
        return render(snapshot, eventCounts, BackupRuns.NONE);
    }

    public static String render(Snapshot snapshot, Map<EventType, Long> eventCounts, BackupRuns backups) {
        return render(snapshot, eventCounts, backups, AuditRuns.NONE);
    }

    public static String render(Snapshot snapshot, Map<EventType, Long> eventCounts, BackupRuns backups,
                                AuditRuns audits) {
        MetricsBuilder metrics = new MetricsBuilder();
        for (NodeSample node : snapshot.nodes()) {
            node(metrics, snapshot, node);
        }
        topology(metrics, snapshot, eventCounts);
        backups(metrics, snapshot, backups);
        audits(metrics, snapshot, audits);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, metrics.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Labels labels(NodeSample node) {
        return Labels.of("addr", node.node().address(), "alias", node.node().name());
    }

    private static void node(MetricsBuilder metrics, Snapshot snapshot, NodeSample node) {
        Labels labels = labels(node);
        metrics.gauge("redis_up", "1 when the node answered the last poll.", labels, node.reachable() ? 1 : 0);
        if (!node.reachable()) {
            return;
        }
        metrics.gauge("spinel_node_rtt_seconds", "PING round trip of the last poll.", labels,
                node.rttMicros() / 1_000_000.0);
        InfoReply info = node.info();
        metrics.gauge("redis_instance_info", "Node facts as labels; the value is always 1.", labels.merge(Labels.of(
                "role", node.role(), "redis_version", info.redisVersion(),
                "redis_mode", info.field("redis_mode").orElse("unknown"))), 1);
        for (InfoMetrics.Entry entry : InfoMetrics.TABLE) {
            info.field(entry.field()).ifPresent(value -> {
                double number = InfoReply.parseNumber(value);
                if (entry.field().equals("mem_fragmentation_ratio")) {
                    number = parseDouble(value);
                }
                if (entry.type() == InfoMetrics.Type.COUNTER) {
                    metrics.counter(entry.name(), entry.help(), labels, number);
                } else {
                    metrics.gauge(entry.name(), entry.help(), labels, number);
                }
            });
        }
        info.keysPerDatabase().forEach((db, keys) -> metrics.gauge("redis_db_keys", "Keys per database.",
                labels.merge(Labels.of("db", db)), keys));
        if (node.isReplica()) {
            metrics.gauge("redis_master_link_up", "1 when the replica's link to its primary is up.", labels,
                    "up".equals(info.masterLinkStatus().orElse("")) ? 1 : 0);
        }
        if (node.clusterInfo() != null) {
            var cluster = node.clusterInfo();
            metrics.gauge("redis_cluster_state", "1 when cluster_state is ok.", labels, cluster.isOk() ? 1 : 0);
            metrics.gauge("redis_cluster_slots_assigned", "Slots assigned.", labels, cluster.slotsAssigned());
            metrics.gauge("redis_cluster_slots_ok", "Slots served by a node that is not failing.", labels,
                    cluster.slotsOk());
            metrics.gauge("redis_cluster_known_nodes", "Nodes known to this node.", labels, cluster.knownNodes());
        }
        if (node.sentinel() != null) {
            var primary = node.sentinel().primary();
            Labels master = labels.merge(Labels.of("master_name", primary.name(), "master_address", primary.address()));
            metrics.gauge("redis_sentinel_master_status", "1 when this Sentinel sees the primary ok.", master,
                    primary.isDown() ? 0 : 1);
            metrics.gauge("redis_sentinel_master_slaves", "Replicas this Sentinel knows.", master, primary.replicas());
            metrics.gauge("redis_sentinel_master_sentinels", "Sentinels watching the primary, this one included.",
                    master, primary.otherSentinels() + 1);
        }
        if (node.isReplica()) {
            metrics.gauge("spinel_replica_lag_bytes", "Bytes the replica is behind its primary.", labels,
                    snapshot.lagBytes(node));
        }
    }

    private static void topology(MetricsBuilder metrics, Snapshot snapshot, Map<EventType, Long> eventCounts) {
        Labels topology = Labels.of("topology", snapshot.topology(), "mode", snapshot.expected().mode().id());
        metrics.gauge("spinel_healthy", "1 when the topology is healthy.", topology,
                snapshot.health().isHealthy() ? 1 : 0);
        metrics.gauge("spinel_health_status", "0 healthy, 1 degraded, 2 down.", topology,
                snapshot.health().status().ordinal());
        for (HealthCode code : HealthCode.values()) {
            long count = snapshot.health().reasons().stream().filter(r -> r.code() == code).count();
            metrics.gauge("spinel_health_reasons", "Current reasons the topology is not healthy, by code.",
                    topology.merge(Labels.of("code", code.name().toLowerCase(java.util.Locale.ROOT))), count);
        }
        metrics.gauge("spinel_nodes_up", "Nodes that answered the last poll.", topology,
                snapshot.nodes().stream().filter(NodeSample::reachable).count());
        metrics.gauge("spinel_nodes", "Nodes watched.", topology, snapshot.nodes().size());
        metrics.gauge("spinel_last_poll_timestamp_seconds", "When the last poll finished.", topology,
                snapshot.at().toEpochMilli() / 1000.0);
        metrics.counter("spinel_failovers", "Failovers seen since the console started.", topology,
                eventCounts.getOrDefault(EventType.FAILOVER, 0L));
        for (EventType type : EventType.values()) {
            metrics.counter("spinel_events", "Events raised since the console started, by type.",
                    topology.merge(Labels.of("type", type.id())), eventCounts.getOrDefault(type, 0L));
        }
    }

    /** Present once a backup is known, so that an alert on its age sees a value, not an absence. */
    private static void backups(MetricsBuilder metrics, Snapshot snapshot, BackupRuns backups) {
        Labels topology = Labels.of("topology", snapshot.topology(), "mode", snapshot.expected().mode().id());
        backups.lastSuccess().ifPresent(run -> {
            metrics.gauge("spinel_backup_last_success_timestamp_seconds", "When the newest backup finished.", topology,
                    run.finishedAt().toEpochMilli() / 1000.0);
            metrics.gauge("spinel_backup_last_success_duration_seconds", "How long the newest backup took.", topology,
                    run.took().toMillis() / 1000.0);
            metrics.gauge("spinel_backup_last_success_size_bytes", "The newest backup's size as stored.", topology,
                    run.bytes());
            metrics.gauge("spinel_backup_last_success_keys", "Keys in the newest backup.", topology, run.keys());
        });
        backups.lastFailure().ifPresent(at -> metrics.gauge("spinel_backup_last_failure_timestamp_seconds",
                "When the last backup the console took (scheduled or asked for) failed.", topology, at.toEpochMilli() / 1000.0));
    }

    /** Present once the console has run an audit. */
    private static void audits(MetricsBuilder metrics, Snapshot snapshot, AuditRuns audits) {
        Labels topology = Labels.of("topology", snapshot.topology(), "mode", snapshot.expected().mode().id());
        audits.last().ifPresent(run -> {
            metrics.gauge("spinel_audit_last_run_timestamp_seconds", "When the last scheduled audit finished.", topology,
                    run.finishedAt().toEpochMilli() / 1000.0);
            metrics.gauge("spinel_audit_last_run_duration_seconds", "How long it took.", topology,
                    run.took().toMillis() / 1000.0);
            metrics.gauge("spinel_audit_last_run_failed", "1 when it could not run at all.", topology,
                    run.failed().isEmpty() ? 0 : 1);
            metrics.gauge("spinel_audit_last_run_keys_compared", "Keys compared over every primary-replica pair.",
                    topology, run.keysCompared());
            for (var kind : java.util.List.of(Map.entry("missing", run.missing()), Map.entry("extra", run.extra()),
                    Map.entry("differing", run.differing()))) {
                metrics.gauge("spinel_audit_last_run_keys", "Keys a replica lacks, has extra, or holds otherwise.",
                        topology.merge(Labels.of("kind", kind.getKey())), kind.getValue());
            }
            metrics.gauge("spinel_audit_last_run_inconclusive_pairs",
                    "Pairs a failover or a lagging replica left unaudited.", topology, run.inconclusivePairs());
        });
    }

    private static double parseDouble(String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

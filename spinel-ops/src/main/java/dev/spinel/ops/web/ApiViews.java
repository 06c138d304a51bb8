package dev.spinel.ops.web;

import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.monitor.Health;
import dev.spinel.ops.monitor.MonitorEvent;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.topology.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON shapes of the API, reshaped from a snapshot (or a backup's result): nothing here is
 * measured or judged, what it reshapes already holds it. Field names follow Redis's own (snake_case), as a team's endpoints did.
 */
final class ApiViews {
    private ApiViews() {
    }

    /** /api/health: status, the primary, its replicas, memory and clients, and every reason. */
    static Map<String, Object> health(Snapshot snapshot) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", snapshot.health().status().id());
        view.put("mode", snapshot.expected().mode().id());
        view.put("topology", snapshot.topology());
        view.put("checked_at", snapshot.at().toString());
        snapshot.dataNodes().stream().filter(NodeSample::isPrimary).findFirst().ifPresent(primary -> {
            if (snapshot.expected().mode() != Mode.CLUSTER) {
                view.put("master", Map.of("name", primary.node().name(), "host", primary.node().host(),
                        "port", primary.node().port()));
                view.put("role", "master");
                view.put("used_memory_human", primary.info().field("used_memory_human").orElse(
                        Units.bytes(primary.info().usedMemory())));
                view.put("connected_clients", primary.info().connectedClients());
                view.put("replicas", primary.info().replicas().stream().map(r -> Map.of("name",
                        snapshot.nameOf(r.address()), "address", r.address(), "state", r.state(), "offset", r.offset(),
                        "lag_seconds", r.lagSeconds())).toList());
            }
        });
        if (snapshot.expected().mode() == Mode.SENTINEL) {
            view.put("master_name", snapshot.expected().masterName());
        }
        view.put("reasons", reasons(snapshot.health()));
        view.put("nodes", snapshot.nodes().stream().map(ApiViews::nodeSummary).toList());
        return view;
    }

    static List<Map<String, Object>> reasons(Health health) {
        return health.reasons().stream().map(r -> {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("code", r.code().name().toLowerCase(java.util.Locale.ROOT));
            reason.put("severity", r.code().severity().name().toLowerCase(java.util.Locale.ROOT));
            reason.put("node", r.node());
            reason.put("detail", r.detail());
            return reason;
        }).toList();
    }

    static Map<String, Object> nodeSummary(NodeSample node) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", node.node().name());
        view.put("address", node.node().address());
        view.put("kind", node.node().kind().name().toLowerCase(java.util.Locale.ROOT));
        view.put("up", node.reachable());
        view.put("role", node.role());
        if (!node.reachable()) {
            view.put("error", node.error());
            return view;
        }
        view.put("rtt_ms", node.rttMicros() / 1000.0);
        if (node.isReplica()) {
            view.put("primary", node.info().masterAddress().orElse(null));
            view.put("link_status", node.info().masterLinkStatus().orElse(null));
        }
        return view;
    }

    /** GET /api/backups: whether one is being taken, and every complete backup's backup.json, newest first. */
    static Map<String, Object> backups(boolean running, List<BackupMetadata> backups) {
        return Map.of("running", running, "backups", backups);
    }

    /** POST /api/backups: the backup taken, where it is, and what retention deleted after it. */
    static Map<String, Object> backupTaken(Backups.Result result) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", result.metadata().id());
        view.put("folder", result.folder().toString());
        view.put("deleted", result.deleted());
        view.put("notice", result.notice());
        view.put("backup", result.metadata());
        return view;
    }

    /** /api/events: newest first, times as ISO-8601 text. */
    static Map<String, Object> events(List<MonitorEvent> events) {
        return Map.of("events", events.stream().map(e -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("at", e.at().toString());
            view.put("type", e.type().id());
            view.put("node", e.node());
            view.put("message", e.message());
            view.put("details", e.details());
            return view;
        }).toList());
    }

    /** /api/stats: hit rate and load, overall and per node. */
    static Map<String, Object> stats(Snapshot snapshot) {
        long hits = 0;
        long misses = 0;
        long ops = 0;
        long memory = 0;
        long clients = 0;
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeSample node : snapshot.dataNodes()) {
            if (!node.reachable()) {
                nodes.add(nodeSummary(node));
                continue;
            }
            InfoReply info = node.info();
            long nodeHits = node.number("keyspace_hits").orElse(0L);
            long nodeMisses = node.number("keyspace_misses").orElse(0L);
            long nodeOps = node.number("instantaneous_ops_per_sec").orElse(0L);
            hits += nodeHits;
            misses += nodeMisses;
            ops += nodeOps;
            memory += info.usedMemory();
            clients += info.connectedClients();
            Map<String, Object> view = nodeSummary(node);
            view.put("keyspace_hits", nodeHits);
            view.put("keyspace_misses", nodeMisses);
            view.put("hit_rate", hitRate(nodeHits, nodeMisses));
            view.put("ops_per_sec", nodeOps);
            view.put("used_memory", info.usedMemory());
            view.put("used_memory_human", Units.bytes(info.usedMemory()));
            view.put("maxmemory", info.maxmemory());
            view.put("connected_clients", info.connectedClients());
            view.put("keys", info.keys());
            view.put("evicted_keys", node.number("evicted_keys").orElse(0L));
            view.put("expired_keys", node.number("expired_keys").orElse(0L));
            view.put("replication_offset", info.replicationOffset());
            if (node.isReplica()) {
                view.put("lag_bytes", snapshot.lagBytes(node));
            }
            nodes.add(view);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("checked_at", snapshot.at().toString());
        view.put("keyspace_hits", hits);
        view.put("keyspace_misses", misses);
        view.put("hit_rate", hitRate(hits, misses));
        view.put("ops_per_sec", ops);
        view.put("used_memory", memory);
        view.put("used_memory_human", Units.bytes(memory));
        view.put("connected_clients", clients);
        view.put("nodes", nodes);
        return view;
    }

    /** hits / (hits + misses), or null before the first lookup. */
    static Double hitRate(long hits, long misses) {
        return hits + misses == 0 ? null : (double) hits / (hits + misses);
    }

    /** /api/sentinel/status: each Sentinel's view, and whether they agree. */
    static Map<String, Object> sentinel(Snapshot snapshot) {
        List<Map<String, Object>> sentinels = new ArrayList<>();
        TreeSet<String> named = new TreeSet<>();
        for (NodeSample node : snapshot.sentinels()) {
            Map<String, Object> view = nodeSummary(node);
            if (node.reachable() && node.sentinel() != null) {
                var primary = node.sentinel().primary();
                named.add(primary.address());
                view.put("master_name", primary.name());
                view.put("master", primary.address());
                view.put("master_flags", new TreeSet<>(primary.flags()));
                view.put("replicas", primary.replicas());
                view.put("other_sentinels", primary.otherSentinels());
                view.put("quorum", primary.quorum());
                view.put("config_epoch", primary.configEpoch());
            }
            sentinels.add(view);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("master_name", snapshot.expected().masterName());
        view.put("expected_sentinels", snapshot.expected().sentinels());
        view.put("quorum", snapshot.expected().quorum());
        view.put("agree", named.size() == 1);
        view.put("masters_named", named);
        view.put("sentinels", sentinels);
        return view;
    }

    /** /api/cluster: state, slot counts, and every node with its slot ranges, as the first answering node sees it. */
    static Map<String, Object> cluster(Snapshot snapshot) {
        Map<String, Object> view = new LinkedHashMap<>();
        NodeSample reference = snapshot.dataNodes().stream().filter(n -> n.reachable() && n.clusterInfo() != null)
                .findFirst().orElse(null);
        if (reference == null) {
            view.put("state", snapshot.expected().mode() == Mode.CLUSTER ? "unknown (no node answers)" : "not a cluster");
            view.put("nodes", List.of());
            return view;
        }
        view.put("state", reference.clusterInfo().state());
        view.put("slots_assigned", reference.clusterInfo().slotsAssigned());
        view.put("slots_ok", reference.clusterInfo().slotsOk());
        view.put("known_nodes", reference.clusterInfo().knownNodes());
        view.put("current_epoch", reference.clusterInfo().currentEpoch());
        view.put("seen_from", reference.node().name());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (ClusterNode node : reference.clusterNodes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", node.id());
            entry.put("name", snapshot.nameOf(node.address()));
            entry.put("address", node.address());
            entry.put("role", node.isPrimary() ? "primary" : "replica");
            entry.put("primary_id", node.primaryId().orElse(null));
            entry.put("flags", new TreeSet<>(node.flags()));
            entry.put("connected", node.linkConnected());
            entry.put("slots", node.slots().stream().map(r -> List.of(r.first(), r.last())).toList());
            entry.put("slot_count", node.slotCount());
            nodes.add(entry);
        }
        view.put("nodes", nodes);
        return view;
    }
}

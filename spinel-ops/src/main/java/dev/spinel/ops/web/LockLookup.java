package dev.spinel.ops.web;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.LockInfo;
import dev.spinel.client.lock.LockManager;
import dev.spinel.ops.monitor.Monitor;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.NodeRef;
import dev.spinel.ops.topology.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * /api/locks/{name}: reads a toolkit lock from its keys (holder token, lease left, fencing token,
 * waiters) through the toolkit itself, connected to the topology for the one request.
 */
final class LockLookup {
    private final Monitor monitor;

    LockLookup(Monitor monitor) {
        this.monitor = monitor;
    }

    Map<String, Object> info(String name) {
        Snapshot snapshot = monitor.latest().orElseThrow(() -> new IllegalArgumentException("no poll has completed yet"));
        try (SpinelClient client = SpinelClient.create(uri(snapshot)); LockManager locks = LockManager.create(client)) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", name);
            locks.info(name).ifPresentOrElse(info -> held(view, info), () -> view.put("held", false));
            return view;
        }
    }

    private static void held(Map<String, Object> view, LockInfo info) {
        view.put("held", true);
        view.put("holder", info.holderToken());
        view.put("fencing_token", info.fencingToken());
        view.put("lease_left_ms", info.remainingLease().toMillis());
        view.put("acquired_at", info.acquiredAt().toString());
        view.put("waiters", info.waiters());
    }

    /** How the toolkit reaches this topology: through its Sentinels, its cluster nodes, or its primary. */
    private String uri(Snapshot snapshot) {
        String password = monitor.target().password().get();
        String auth = password == null || password.isEmpty() ? "" : password + "@";
        Mode mode = snapshot.expected().mode();
        if (mode == Mode.SENTINEL) {
            return "redis-sentinel://" + auth + snapshot.sentinels().stream().map(s -> s.node().address())
                    .collect(Collectors.joining(",")) + "/" + snapshot.expected().masterName();
        }
        if (mode == Mode.CLUSTER) {
            return "redis://" + auth + snapshot.dataNodes().stream().filter(NodeSample::reachable)
                    .map(s -> s.node().address()).collect(Collectors.joining(","));
        }
        NodeRef primary = snapshot.dataNodes().stream().filter(NodeSample::isPrimary).findFirst()
                .map(NodeSample::node).orElseThrow(() -> new IllegalArgumentException("no primary answers"));
        return "redis://" + auth + primary.address();
    }
}

package dev.spinel.ops.status;

import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterInfoReply;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.admin.SentinelView;
import dev.spinel.ops.form.Observer;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.NodeKind;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.YamlSpecReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the live state of every node of a project: what the nodes say, not what the spec says. */
public final class StatusReader {
    private StatusReader() {
    }

    public static TopologyStatus read(Path dir) {
        ProjectDir project = ProjectDir.open(dir);
        YamlSpecReader.Parsed stored = YamlSpecReader.read(project.specFile());
        Spec spec = SpecResolver.resolve(stored.draft(), stored.source()).spec();
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        try (AdminSession admin = new AdminSession(new Secrets(project).password())) {
            Observer observer = new Observer(project, admin);
            Map<String, InfoReply> infos = new HashMap<>();
            List<NodeStatus> statuses = new ArrayList<>();
            for (PlannedNode node : nodes) {
                Optional<ProcessHandle> process = observer.liveProcess(node.name());
                if (process.isEmpty()) {
                    statuses.add(empty(node, null, "down", null));
                    continue;
                }
                try {
                    NodeAdmin live = admin.node(node.host(), node.port());
                    if (node.kind() == NodeKind.SENTINEL) {
                        statuses.add(sentinel(node, process.get().pid(), live, spec.masterName()));
                    } else {
                        InfoReply info = live.info();
                        infos.put(node.address(), info);
                        statuses.add(dataNode(node, process.get().pid(), info, live));
                    }
                } catch (RuntimeException e) {
                    admin.forget(node.host(), node.port());
                    statuses.add(empty(node, process.get().pid(), "not answering", e.getMessage()));
                }
            }
            return new TopologyStatus(spec.mode().id(), project.root().toString(), withLag(statuses, infos),
                    spec.mode() == Mode.CLUSTER ? cluster(nodes, admin, statuses) : null);
        }
    }

    private static NodeStatus empty(PlannedNode node, Long pid, String state, String error) {
        return new NodeStatus(node.name(), kind(node), node.address(), pid, state, null, null, null, null, null, null,
                null, null, null, null, error, null);
    }

    private static NodeStatus dataNode(PlannedNode node, long pid, InfoReply info, NodeAdmin live) {
        List<String> slots = null;
        if (info.clusterEnabled()) {
            slots = live.clusterNodes().stream().filter(ClusterNode::isMyself).findFirst()
                    .map(me -> me.slots().stream().map(Object::toString).toList()).orElse(List.of());
        }
        String role = info.role().equals("slave") ? "replica" : info.role().equals("master") ? "primary" : info.role();
        return new NodeStatus(node.name(), kind(node), node.address(), pid, "up", role,
                info.masterAddress().orElse(null), info.masterLinkStatus().orElse(null), info.replicationOffset(), null,
                slots, info.keys(), info.usedMemory(), info.maxmemory(), info.connectedClients(), null, null);
    }

    private static NodeStatus sentinel(PlannedNode node, long pid, NodeAdmin live, String masterName) {
        SentinelView.Primary view = live.sentinelPrimary(masterName);
        InfoReply info = live.info("clients");
        var sentinel = new NodeStatus.SentinelStatus(masterName, view.address(), view.flags().stream().sorted().toList(),
                view.replicas(), view.otherSentinels(), view.quorum());
        return new NodeStatus(node.name(), kind(node), node.address(), pid, "up", "sentinel", null, null, null, null,
                null, null, null, null, info.connectedClients(), null, sentinel);
    }

    /** Lag in bytes: the primary's offset minus the replica's, when both answered. */
    private static List<NodeStatus> withLag(List<NodeStatus> statuses, Map<String, InfoReply> infos) {
        return statuses.stream().map(s -> {
            if (!"replica".equals(s.role()) || s.primary() == null || !infos.containsKey(s.primary())) {
                return s;
            }
            long lag = Math.max(0, infos.get(s.primary()).replicationOffset() - s.replicationOffset());
            return new NodeStatus(s.name(), s.kind(), s.address(), s.pid(), s.state(), s.role(), s.primary(),
                    s.linkStatus(), s.replicationOffset(), lag, s.slots(), s.keys(), s.usedMemoryBytes(),
                    s.maxmemoryBytes(), s.connectedClients(), s.error(), s.sentinel());
        }).toList();
    }

    private static TopologyStatus.ClusterStatus cluster(List<PlannedNode> nodes, AdminSession admin,
                                                        List<NodeStatus> statuses) {
        for (PlannedNode node : nodes) {
            boolean up = statuses.stream().anyMatch(s -> s.name().equals(node.name()) && "up".equals(s.state()));
            if (up) {
                ClusterInfoReply info = admin.node(node.host(), node.port()).clusterInfo();
                return new TopologyStatus.ClusterStatus(info.state(), info.slotsAssigned(), info.slotsOk(),
                        info.knownNodes(), info.currentEpoch(), node.name());
            }
        }
        return new TopologyStatus.ClusterStatus("unknown (no node answers)", 0, 0, 0, 0, null);
    }

    private static String kind(PlannedNode node) {
        return node.kind() == NodeKind.SENTINEL ? "sentinel" : "data";
    }
}

package dev.spinel.ops.form;

import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.topology.NodeKind;
import dev.spinel.ops.topology.NodeObservation;
import dev.spinel.ops.topology.NodePaths;
import dev.spinel.ops.topology.ObservedState;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SlotRange;
import dev.spinel.ops.topology.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads what the planner needs from disk and from the live nodes. A node counts as running when
 * the process Spinel recorded is alive; what it reports is read through the protocol.
 */
public final class Observer {
    private final ProjectDir project;
    private final AdminSession admin;

    public Observer(ProjectDir project, AdminSession admin) {
        this.project = project;
        this.admin = admin;
    }

    public ObservedState observe(Spec spec, List<PlannedNode> nodes) {
        Map<String, NodeObservation> seen = new HashMap<>();
        for (PlannedNode node : nodes) {
            seen.put(node.name(), observe(spec, node));
        }
        return new ObservedState(seen);
    }

    /** The process Spinel recorded for this node, if it is still that process. */
    public Optional<ProcessHandle> liveProcess(String name) {
        return ProcessRecord.read(project.processRecord(name)).flatMap(ProcessRecord::live);
    }

    private NodeObservation observe(Spec spec, PlannedNode node) {
        NodePaths paths = project.paths(node.name());
        boolean configExists = Files.isRegularFile(Path.of(paths.config()));
        boolean clusterState = Files.isRegularFile(Path.of(paths.dataDir(), "nodes.conf"));
        if (liveProcess(node.name()).isEmpty()) {
            if (!configExists) {
                return NodeObservation.absent();
            }
            Path config = Path.of(paths.config());
            return node.kind() == NodeKind.SENTINEL
                    ? NodeObservation.stopped(false, Optional.empty(), PersistedRoles.monitoredPrimary(config, spec.masterName()))
                    : NodeObservation.stopped(clusterState, PersistedRoles.replicaOf(config), Optional.empty());
        }
        try {
            NodeAdmin live = admin.node(node.host(), node.port());
            if (node.kind() == NodeKind.SENTINEL) {
                return new NodeObservation(configExists, false, true, Optional.of("sentinel"), Optional.empty(), 0, 0,
                        Optional.empty(), Set.of(), List.of(), live.sentinelPrimaryAddress(spec.masterName()), 0, -1);
            }
            InfoReply info = live.info();
            Optional<String> clusterId = Optional.empty();
            Set<String> known = Set.of();
            List<SlotRange> slots = List.of();
            long nodeTimeout = 0;
            if (info.clusterEnabled()) {
                nodeTimeout = live.configGetNumber("cluster-node-timeout");
                List<ClusterNode> view = live.clusterNodes();
                ClusterNode myself = view.stream().filter(ClusterNode::isMyself).findFirst().orElseThrow();
                clusterId = Optional.of(myself.id());
                known = view.stream().filter(n -> !n.isMyself()).map(ClusterNode::address).collect(Collectors.toSet());
                slots = myself.slots();
            }
            return new NodeObservation(configExists, clusterState, true, Optional.of(info.role()),
                    info.masterAddress(), info.keys(), info.replicas().size(), clusterId, known, slots, Optional.empty(),
                    nodeTimeout, live.configGetNumber("min-replicas-to-write"));
        } catch (RuntimeException e) {
            // Alive but not answering (still loading, or hung): running, with nothing known of it.
            admin.forget(node.host(), node.port());
            return new NodeObservation(configExists, clusterState, true, Optional.empty(), Optional.empty(), 0, 0,
                    Optional.empty(), Set.of(), List.of(), Optional.empty(), 0, -1);
        }
    }
}

package dev.spinel.ops.form;

import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterInfoReply;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.admin.SentinelView;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.NodeRole;
import dev.spinel.ops.topology.Plan;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SlotRange;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What "ready" means, checked on the live nodes: every replica's link up to the one primary;
 * every Sentinel agreeing on that primary and seeing all replicas and all other Sentinels; every
 * cluster node with {@code cluster_state:ok}, all slots assigned, and the same view of the nodes.
 */
public final class Readiness {
    private final AdminSession admin;

    public Readiness(AdminSession admin) {
        this.admin = admin;
    }

    public void await(Plan plan, Deadline deadline, Consumer<String> changes) {
        long start = System.nanoTime();
        Waits.until("the " + plan.spec().mode().id() + " topology to be ready", deadline, () -> check(plan),
                Optional::empty, seen -> changes.accept("waiting (" + (System.nanoTime() - start) / 1_000_000
                        + " ms): " + seen));
    }

    /** One look at the whole topology: ready, or the first thing that is not. */
    public Waits.Check check(Plan plan) {
        try {
            return plan.spec().mode() == Mode.CLUSTER ? checkCluster(plan) : checkPrimaryReplica(plan);
        } catch (RuntimeException e) {
            plan.nodes().forEach(node -> admin.forget(node.host(), node.port()));
            throw e;
        }
    }

    private Waits.Check checkPrimaryReplica(Plan plan) {
        List<PlannedNode> data = plan.dataNodes();
        List<PlannedNode> primaries = data.stream()
                .filter(node -> "master".equals(info(node).role()))
                .toList();
        if (primaries.size() != 1) {
            return Waits.Check.notYet(primaries.size() + " primaries: " + names(primaries));
        }
        PlannedNode primary = primaries.getFirst();
        for (PlannedNode node : data) {
            if (node == primary) {
                continue;
            }
            InfoReply info = info(node);
            if (!info.masterAddress().filter(primary.address()::equals).isPresent()) {
                return Waits.Check.notYet(node.name() + " replicates from " + info.masterAddress().orElse("nothing"));
            }
            if (!info.masterLinkStatus().filter("up"::equals).isPresent()) {
                return Waits.Check.notYet(node.name() + " master_link_status:" + info.masterLinkStatus().orElse("?"));
            }
        }
        int replicas = data.size() - 1;
        int sentinels = plan.sentinels().size();
        for (PlannedNode sentinel : plan.sentinels()) {
            NodeAdmin live = live(sentinel);
            String name = plan.spec().masterName();
            Optional<String> seenPrimary = live.sentinelPrimaryAddress(name);
            if (!seenPrimary.filter(primary.address()::equals).isPresent()) {
                return Waits.Check.notYet(sentinel.name() + " reports primary " + seenPrimary.orElse("none"));
            }
            SentinelView.Primary view = live.sentinelPrimary(name);
            long healthyReplicas = live.sentinelReplicas(name).stream().filter(r -> !r.isDown()).count();
            if (view.isDown() || healthyReplicas != replicas || view.otherSentinels() != sentinels - 1) {
                return Waits.Check.notYet(sentinel.name() + " sees primary flags " + view.flags() + ", "
                        + healthyReplicas + "/" + replicas + " replicas, " + view.otherSentinels() + "/"
                        + (sentinels - 1) + " other Sentinels");
            }
        }
        return Waits.Check.ok();
    }

    private Waits.Check checkCluster(Plan plan) {
        List<PlannedNode> data = plan.dataNodes();
        Set<String> firstView = null;
        for (PlannedNode node : data) {
            NodeAdmin live = live(node);
            ClusterInfoReply info = live.clusterInfo();
            if (!info.isOk() || info.slotsAssigned() != SlotRange.SLOT_COUNT || info.knownNodes() != data.size()) {
                return Waits.Check.notYet(node.name() + " cluster_state:" + info.state() + " slots_assigned:"
                        + info.slotsAssigned() + " known_nodes:" + info.knownNodes());
            }
            List<ClusterNode> nodes = live.clusterNodes();
            Optional<ClusterNode> unsettled = nodes.stream().filter(n -> n.inHandshake() || n.isFailing()
                    || !n.migrations().isEmpty()).findFirst();
            if (unsettled.isPresent()) {
                return Waits.Check.notYet(node.name() + " sees " + unsettled.get().address() + " as "
                        + unsettled.get().flags());
            }
            Set<String> view = nodes.stream().map(Readiness::viewLine).collect(Collectors.toCollection(TreeSet::new));
            if (firstView == null) {
                firstView = view;
            } else if (!firstView.equals(view)) {
                return Waits.Check.notYet(node.name() + " has a different view of the cluster than "
                        + data.getFirst().name());
            }
            ClusterNode myself = nodes.stream().filter(ClusterNode::isMyself).findFirst().orElseThrow();
            if (!myself.isPrimary()) {
                InfoReply replication = live.info("replication");
                if (!replication.masterLinkStatus().filter("up"::equals).isPresent()) {
                    return Waits.Check.notYet(node.name() + " master_link_status:"
                            + replication.masterLinkStatus().orElse("?"));
                }
            }
        }
        long primaries = firstView == null ? 0 : firstView.stream().filter(line -> line.contains(" primary ")).count();
        long expected = plan.dataNodes().stream().filter(n -> n.role() == NodeRole.PRIMARY).count();
        return primaries == expected ? Waits.Check.ok()
                : Waits.Check.notYet(primaries + " primaries serve slots, expected " + expected);
    }

    /** A node as every member should see it: id, address, role, its primary, its slots. */
    private static String viewLine(ClusterNode node) {
        return node.id() + " " + node.address() + (node.isPrimary() ? " primary " : " replica ")
                + node.primaryId().orElse("-") + " " + node.slots();
    }

    private InfoReply info(PlannedNode node) {
        return live(node).info("replication");
    }

    private NodeAdmin live(PlannedNode node) {
        return admin.node(node.host(), node.port());
    }

    private static String names(List<PlannedNode> nodes) {
        return nodes.stream().map(PlannedNode::name).collect(Collectors.joining(", "));
    }
}

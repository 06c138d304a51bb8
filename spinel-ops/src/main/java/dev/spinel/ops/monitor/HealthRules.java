package dev.spinel.ops.monitor;

import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.topology.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The health model, pure: what the nodes reported in one poll, against what the spec expects.
 * It covers what teams checked by hand: the primary with its expected replicas, replica links
 * and lag, memory against maxmemory, all Sentinels answering and agreeing, cluster_state and
 * the 16384 slots, every cluster node connected.
 */
public final class HealthRules {
    private static final int CLUSTER_SLOTS = 16_384;

    private HealthRules() {
    }

    public static Health evaluate(Expectations expected, List<NodeSample> samples) {
        List<Health.Reason> reasons = new ArrayList<>();
        List<NodeSample> data = samples.stream().filter(s -> s.node().kind() == NodeRef.Kind.DATA).toList();
        List<NodeSample> reachable = data.stream().filter(NodeSample::reachable).toList();
        for (NodeSample sample : samples) {
            if (!sample.reachable()) {
                HealthCode code = sample.node().kind() == NodeRef.Kind.SENTINEL ? HealthCode.SENTINEL_UNREACHABLE
                        : HealthCode.NODE_UNREACHABLE;
                reasons.add(new Health.Reason(code, sample.node().name(), "does not answer: " + sample.error()));
            }
        }
        reachable.forEach(sample -> memory(expected, sample, reasons));
        if (expected.mode() == Mode.CLUSTER) {
            cluster(expected, reachable, reasons);
        } else {
            primaryAndReplicas(expected, data, reachable, reasons);
        }
        if (expected.mode() == Mode.SENTINEL) {
            sentinels(expected, samples, reachable, reasons);
        }
        return Health.of(reasons);
    }

    private static void memory(Expectations expected, NodeSample sample, List<Health.Reason> reasons) {
        long max = sample.info().maxmemory();
        long used = sample.info().usedMemory();
        if (max > 0 && used >= expected.thresholds().memoryWarnRatio() * max) {
            reasons.add(new Health.Reason(HealthCode.MEMORY_HIGH, sample.node().name(), String.format(
                    "used_memory %d is %.0f%% of maxmemory %d", used, 100.0 * used / max, max)));
        }
    }

    private static void primaryAndReplicas(Expectations expected, List<NodeSample> data, List<NodeSample> reachable,
                                           List<Health.Reason> reasons) {
        replicaLinks(reachable, reasons);
        List<NodeSample> primaries = reachable.stream().filter(NodeSample::isPrimary).toList();
        if (primaries.isEmpty()) {
            reasons.add(new Health.Reason(HealthCode.NO_PRIMARY, null, reachable.isEmpty()
                    ? "no data node answers" : "no data node reports role:master"));
            return;
        }
        if (primaries.size() > 1) {
            reasons.add(new Health.Reason(HealthCode.SEVERAL_PRIMARIES, null, "primaries: "
                    + primaries.stream().map(p -> p.node().name()).collect(Collectors.joining(", "))));
        }
        for (NodeSample primary : primaries) {
            replicasOf(expected, primary, reachable, reasons);
        }
    }

    private static void replicaLinks(List<NodeSample> reachable, List<Health.Reason> reasons) {
        for (NodeSample sample : reachable) {
            if (sample.isReplica() && !"up".equals(sample.info().masterLinkStatus().orElse("down"))) {
                reasons.add(new Health.Reason(HealthCode.REPLICA_LINK_DOWN, sample.node().name(), "master_link_status:"
                        + sample.info().masterLinkStatus().orElse("unknown") + " to "
                        + sample.info().masterAddress().orElse("?")));
            }
        }
    }

    /** The primary's own view: attached online replicas and each one's lag (seconds since its last ack). */
    private static void replicasOf(Expectations expected, NodeSample primary, List<NodeSample> reachable,
                                   List<Health.Reason> reasons) {
        List<InfoReply.ReplicaLine> online = primary.info().replicas().stream()
                .filter(r -> "online".equals(r.state())).toList();
        if (online.size() < expected.replicasPerPrimary()) {
            reasons.add(new Health.Reason(HealthCode.REPLICA_MISSING, primary.node().name(), online.size()
                    + " of " + expected.replicasPerPrimary() + " replicas attached and online"));
        }
        Map<String, String> names = names(reachable);
        long primaryOffset = primary.info().replicationOffset();
        for (InfoReply.ReplicaLine replica : online) {
            // Replicas acknowledge every second, so Redis's lag reads 0 or 1 on a healthy link.
            if (replica.lagSeconds() > expected.thresholds().maxLagSeconds()) {
                reasons.add(new Health.Reason(HealthCode.REPLICA_LAG, names.getOrDefault(replica.address(),
                        replica.address()), "lag " + replica.lagSeconds() + " s, "
                        + Math.max(0, primaryOffset - replica.offset()) + " bytes behind " + primary.node().name()));
            }
        }
    }

    private static void sentinels(Expectations expected, List<NodeSample> samples, List<NodeSample> reachableData,
                                  List<Health.Reason> reasons) {
        List<NodeSample> answering = samples.stream()
                .filter(s -> s.node().kind() == NodeRef.Kind.SENTINEL && s.reachable() && s.sentinel() != null)
                .toList();
        if (answering.size() < expected.quorum()) {
            reasons.add(new Health.Reason(HealthCode.NO_QUORUM, null, answering.size() + " Sentinels answer, quorum is "
                    + expected.quorum()));
        }
        Set<String> named = new TreeSet<>();
        for (NodeSample sentinel : answering) {
            var primary = sentinel.sentinel().primary();
            named.add(primary.address());
            if (primary.isDown()) {
                reasons.add(new Health.Reason(HealthCode.SENTINEL_SEES_PRIMARY_DOWN, sentinel.node().name(),
                        "flags primary " + primary.address() + " " + new TreeSet<>(primary.flags())));
            }
            if (primary.otherSentinels() < expected.sentinels() - 1) {
                reasons.add(new Health.Reason(HealthCode.SENTINEL_PEERS_MISSING, sentinel.node().name(), "sees "
                        + primary.otherSentinels() + " of " + (expected.sentinels() - 1) + " other Sentinels"));
            }
        }
        if (named.size() > 1) {
            reasons.add(new Health.Reason(HealthCode.SENTINELS_DISAGREE, null, "primaries named: " + named));
        }
        List<String> actual = reachableData.stream().filter(NodeSample::isPrimary).map(s -> s.node().address()).toList();
        if (named.size() == 1 && actual.size() == 1 && !named.contains(actual.get(0))) {
            reasons.add(new Health.Reason(HealthCode.SENTINEL_PRIMARY_MISMATCH, null, "Sentinels name "
                    + named.iterator().next() + ", but " + actual.get(0) + " reports role:master"));
        }
    }

    private static void cluster(Expectations expected, List<NodeSample> reachable, List<Health.Reason> reasons) {
        List<NodeSample> withInfo = reachable.stream().filter(s -> s.clusterInfo() != null).toList();
        if (withInfo.isEmpty()) {
            reasons.add(new Health.Reason(HealthCode.CLUSTER_STATE_FAIL, null, "no cluster node answers"));
            return;
        }
        for (NodeSample sample : withInfo) {
            var info = sample.clusterInfo();
            if (!info.isOk()) {
                reasons.add(new Health.Reason(HealthCode.CLUSTER_STATE_FAIL, sample.node().name(),
                        "cluster_state:" + info.state()));
            }
        }
        // Slot counts and links as the cluster agrees on them: from the first node that answers.
        NodeSample reference = withInfo.get(0);
        if (reference.clusterInfo().slotsAssigned() < CLUSTER_SLOTS) {
            reasons.add(new Health.Reason(HealthCode.SLOTS_UNASSIGNED, null, "cluster_slots_assigned:"
                    + reference.clusterInfo().slotsAssigned() + " of " + CLUSTER_SLOTS));
        }
        if (reference.clusterInfo().slotsOk() < reference.clusterInfo().slotsAssigned()) {
            reasons.add(new Health.Reason(HealthCode.SLOTS_NOT_OK, null, "cluster_slots_ok:"
                    + reference.clusterInfo().slotsOk() + " of " + reference.clusterInfo().slotsAssigned() + " assigned"));
        }
        List<ClusterNode> view = reference.clusterNodes();
        for (ClusterNode node : view) {
            if (!node.isMyself() && (node.isFailing() || !node.linkConnected())) {
                reasons.add(new Health.Reason(HealthCode.CLUSTER_NODE_FAILING, node.address(), reference.node().name()
                        + " sees it " + (node.isFailing() ? new TreeSet<>(node.flags()) : "disconnected")));
            }
        }
        Map<String, String> names = names(reachable);
        for (ClusterNode primary : view) {
            if (primary.isPrimary() && primary.slotCount() > 0) {
                long replicas = view.stream().filter(n -> n.primaryId().filter(primary.id()::equals).isPresent()
                        && !n.isFailing()).count();
                if (replicas < expected.replicasPerPrimary()) {
                    reasons.add(new Health.Reason(HealthCode.REPLICA_MISSING,
                            names.getOrDefault(primary.address(), primary.address()),
                            replicas + " of " + expected.replicasPerPrimary() + " replicas"));
                }
            }
        }
        replicaLinks(reachable, reasons);
    }

    private static Map<String, String> names(List<NodeSample> samples) {
        return samples.stream().collect(Collectors.toMap(s -> s.node().address(), s -> s.node().name(), (a, b) -> a));
    }
}

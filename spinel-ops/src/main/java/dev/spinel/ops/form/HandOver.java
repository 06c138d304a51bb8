package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.topology.PlannedNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A primary hands its slots to one of its replicas before it leaves: CLUSTER FAILOVER on the
 * replica with the highest offset (coordinated: the primary stops taking writes until the replica
 * has all of them, so no acknowledged write is lost), then a wait until the roles have swapped.
 */
final class HandOver {
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MANUAL_FAILOVER_RETRY = Duration.ofSeconds(6);

    private HandOver() {
    }

    /**
     * @param candidates the nodes that may take over; those that replicate {@code node} now are asked
     * @return the name of the node that took over
     */
    static String to(AdminSession admin, ClusterView view, List<PlannedNode> candidates, PlannedNode node,
                     Consumer<String> log) {
        ClusterNode old = view.selves().get(node.name());
        List<PlannedNode> replicas = new ArrayList<>();
        for (PlannedNode candidate : candidates) {
            ClusterNode self = view.selves().get(candidate.name());
            if (self != null && !self.isPrimary() && self.primaryId().filter(old.id()::equals).isPresent()) {
                replicas.add(candidate);
            }
        }
        // A replica still syncing (a demoted primary resyncs) cannot reach the primary's offset,
        // and its manual failover would time out: only replicas whose link is up are asked.
        PlannedNode successor = replicas.stream()
                .filter(replica -> info(admin, replica).masterLinkStatus().filter("up"::equals).isPresent())
                .max(Comparator.comparingLong(replica -> info(admin, replica).replicationOffset()))
                .orElseThrow(() -> new SpinelException(SpinelException.Kind.BLOCKED, node.name()
                        + " is a primary without a replica in sync to take over its slots; add replicas, or wait"
                        + " until they are in sync (spinel status)"));
        NodeAdmin live = admin.node(successor.host(), successor.port());
        NodeAdmin oldLive = admin.node(node.host(), node.port());
        live.clusterFailover();
        log.accept("CLUSTER FAILOVER on " + successor.name() + ", which replicates " + node.name());
        long[] asked = {System.nanoTime()};
        Waits.until(successor.name() + " to take over from " + node.name(), Deadline.in(FAILOVER_TIMEOUT), () -> {
            boolean promoted = live.clusterNodes().stream().filter(ClusterNode::isMyself).anyMatch(ClusterNode::isPrimary);
            boolean demoted = oldLive.clusterNodes().stream().filter(ClusterNode::isMyself).noneMatch(ClusterNode::isPrimary);
            if (promoted && demoted) {
                return Waits.Check.ok();
            }
            // Redis gives a manual failover 5 s (CLUSTER_MF_TIMEOUT), then drops it: ask again.
            if (!promoted && System.nanoTime() - asked[0] > MANUAL_FAILOVER_RETRY.toNanos()) {
                live.clusterFailover();
                asked[0] = System.nanoTime();
                log.accept("CLUSTER FAILOVER on " + successor.name() + " again: the last one timed out");
            }
            return Waits.Check.notYet("promoted " + promoted + ", old primary demoted " + demoted);
        }, Optional::empty);
        return successor.name();
    }

    private static InfoReply info(AdminSession admin, PlannedNode node) {
        return admin.node(node.host(), node.port()).info("replication");
    }
}

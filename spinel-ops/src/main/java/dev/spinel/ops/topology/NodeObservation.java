package dev.spinel.ops.topology;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What was seen of one planned node before planning. Everything the planner knows about the
 * live topology comes through this record, which keeps the planner free of sockets.
 *
 * @param configExists its config file is on disk already
 * @param clusterStateExists its {@code nodes.conf} is on disk (it was part of a cluster before)
 * @param running the process is alive and answers
 * @param role {@code master}, {@code slave} or {@code sentinel} as ROLE reports it, when running
 * @param primaryAddress for a replica, the {@code host:port} it replicates from; for a stopped data node, the one
 *                       its config file names (Redis rewrites it on every REPLICAOF and failover)
 * @param keys keys held (DBSIZE), when running
 * @param connectedReplicas replicas attached, when running as a primary
 * @param clusterNodeId the node's cluster id, when running in cluster mode
 * @param clusterKnownAddresses addresses of the other nodes this one knows, when in a cluster
 * @param ownedSlots slots this node serves, when a cluster primary
 * @param sentinelPrimary for a Sentinel, the {@code host:port} it reports as the primary; for a stopped one, the
 *                        one its config file monitors (Sentinel rewrites it on every failover)
 * @param clusterNodeTimeoutMillis the running cluster node's cluster-node-timeout, 0 when unknown
 * @param minReplicasToWrite the running data node's min-replicas-to-write, -1 when unknown
 */
public record NodeObservation(
        boolean configExists,
        boolean clusterStateExists,
        boolean running,
        Optional<String> role,
        Optional<String> primaryAddress,
        long keys,
        int connectedReplicas,
        Optional<String> clusterNodeId,
        Set<String> clusterKnownAddresses,
        List<SlotRange> ownedSlots,
        Optional<String> sentinelPrimary,
        long clusterNodeTimeoutMillis,
        long minReplicasToWrite) {

    public NodeObservation {
        clusterKnownAddresses = Set.copyOf(clusterKnownAddresses);
        ownedSlots = List.copyOf(ownedSlots);
    }

    /** A node that has never been set up: no config, no process. */
    public static NodeObservation absent() {
        return new NodeObservation(false, false, false, Optional.empty(), Optional.empty(), 0, 0,
                Optional.empty(), Set.of(), List.of(), Optional.empty(), 0, -1);
    }

    /** A node whose files exist but whose process is not running, and whose config names no primary. */
    public static NodeObservation stopped(boolean clusterStateExists) {
        return stopped(clusterStateExists, Optional.empty(), Optional.empty());
    }

    /**
     * A stopped node, with the primary its config file names: {@code replicaOf} for a data node
     * that was a replica, {@code monitors} for a Sentinel.
     */
    public static NodeObservation stopped(boolean clusterStateExists, Optional<String> replicaOf,
                                          Optional<String> monitors) {
        return new NodeObservation(true, clusterStateExists, false, Optional.empty(), replicaOf, 0, 0,
                Optional.empty(), Set.of(), List.of(), monitors, 0, -1);
    }

    public boolean isPrimary() {
        return running && role.filter("master"::equals).isPresent();
    }

    /** In cluster mode: running and not yet part of any cluster (knows no other node, owns no slot). */
    public boolean isFreshClusterNode() {
        return running && clusterKnownAddresses.isEmpty() && ownedSlots.isEmpty();
    }
}

package dev.spinel.ops.monitor;

import dev.spinel.ops.admin.AdminException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterInfoReply;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.admin.SentinelView;
import dev.spinel.ops.admin.ServerError;
import java.util.List;

/**
 * Reads one node for a poll: PING (timed), INFO, ROLE, and what its kind adds. Any failure
 * (refused, timed out, wrong password, a reply that does not parse) makes the node unreachable
 * with the reason, and its connection is dropped so the next poll starts afresh: nothing a node
 * does can break the poller.
 */
final class NodeProbe {
    private final AdminSession admin;

    NodeProbe(AdminSession admin) {
        this.admin = admin;
    }

    /**
     * Tries twice: Sentinel closes every client's connection to a node it reconfigures, so a
     * connection that broke since the last poll is not yet a node that is down.
     */
    NodeSample sample(NodeRef node, String masterName) {
        NodeSample first = sampleOnce(node, masterName);
        return first.reachable() ? first : sampleOnce(node, masterName);
    }

    private NodeSample sampleOnce(NodeRef node, String masterName) {
        try {
            NodeAdmin live = admin.node(node.host(), node.port());
            long rttMicros = live.pingMicros();
            InfoReply info = live.info("default");
            live.role();
            if (node.kind() == NodeRef.Kind.SENTINEL) {
                String name = masterName != null ? masterName : info.field("master0").flatMap(SentinelView::masterName)
                        .orElse(null);
                SentinelObservation observation = name == null ? null : new SentinelObservation(
                        live.sentinelPrimary(name), live.sentinelReplicas(name), live.sentinelSentinels(name));
                return new NodeSample(node, null, rttMicros, info, null, List.of(), observation);
            }
            ClusterInfoReply clusterInfo = null;
            List<ClusterNode> clusterNodes = List.of();
            if (info.clusterEnabled()) {
                clusterInfo = live.clusterInfo();
                clusterNodes = live.clusterNodes();
            }
            return new NodeSample(node, null, rttMicros, info, clusterInfo, clusterNodes, null);
        } catch (RuntimeException e) {
            admin.forget(node.host(), node.port());
            return NodeSample.unreachable(node, describe(e));
        }
    }

    private static String describe(RuntimeException e) {
        if (ServerError.of(e).isAuthentication()) {
            return "authentication failed (" + message(e) + ")";
        }
        return message(e);
    }

    private static String message(Throwable e) {
        if (e instanceof AdminException) {
            return e.getMessage(); // says the node and the reason already
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return e == root || e.getMessage() == null ? text : e.getMessage() + (text.equals(e.getMessage()) ? "" : ": " + text);
    }
}

package dev.spinel.ops.status;

import java.util.List;

/**
 * One node as it is now, read from the node itself. Fields that do not apply to the node's kind
 * or state are null, so the JSON form leaves them out.
 *
 * @param state {@code up}, {@code down} (no process) or {@code not answering} (process alive, no reply)
 * @param lagBytes for a replica, how far its offset is behind its primary's
 */
public record NodeStatus(
        String name,
        String kind,
        String address,
        Long pid,
        String state,
        String role,
        String primary,
        String linkStatus,
        Long replicationOffset,
        Long lagBytes,
        List<String> slots,
        Long keys,
        Long usedMemoryBytes,
        Long maxmemoryBytes,
        Long connectedClients,
        String error,
        SentinelStatus sentinel) {

    /** What a Sentinel reports about the primary it monitors. */
    public record SentinelStatus(String primaryName, String primary, List<String> primaryFlags, int replicas,
                                 int otherSentinels, int quorum) {
    }
}

package dev.spinel.ops.drill;

import java.util.List;

/**
 * One round of a drill, as the client and the nodes saw it.
 *
 * @param victim            the data node faulted: the primary, or the replica killed by kill-replica
 * @param newPrimary        the node serving the data afterwards (the same one when no failover was due)
 * @param detectionMillis   from the fault until the topology noticed: named a new primary, marked the replica down, or
 *                          (restart-all) was formed again
 * @param writesBackMillis  from the fault until the first acknowledged write after the last failed one (the unavailability window)
 * @param acknowledged      writes the client saw acknowledged during the round
 * @param failedWrites      writes that failed or were not confirmed (never counted as lost)
 * @param lost              acknowledged writes missing afterwards
 * @param oldPrimaryReturn  how the faulted node came back: its role and the kind of resync it (or its replicas) did
 * @param healthAfter       the topology's health once formed again: {@code healthy}, or the status and its reasons
 * @param writesPerSecond   acknowledged writes per second before the fault: the durability's throughput
 */
public record DrillRound(int number, String scenario, String durability, String victim, String newPrimary,
                         long detectionMillis, long writesBackMillis, long acknowledged, long failedWrites,
                         List<String> lost, String oldPrimaryReturn, String healthAfter, long writesPerSecond) {
}

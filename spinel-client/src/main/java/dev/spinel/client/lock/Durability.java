package dev.spinel.client.lock;

/**
 * What an acquired lock survives. Redis replicates asynchronously, so a primary that dies right
 * after granting a lock may not have passed it on; the replica that takes over then grants it
 * again.
 */
public enum Durability {
    /**
     * Redis's own: the acquire is acknowledged by the primary alone. A crash of the primary within
     * the replication lag (usually well under a millisecond, longer under load or a slow link)
     * followed by a failover can grant the lock to a second holder while the first still runs.
     */
    ASYNC,
    /**
     * The acquire is acknowledged only once {@code WAIT} confirms that every replica the primary
     * has (its {@code connected_slaves}, at least one) has it; if they do not within the timeout, the
     * lock is released again and the acquire fails. Every replica, not one: Sentinel promotes the
     * replica it last saw furthest ahead, from INFO up to a second old, which need not be one that
     * acknowledged (a {@code spinel drill --scenario stop-primary} with two replicas lost 121
     * writes confirmed by WAIT 1 that way). Pair it with the topology's {@code durability:
     * replicated}, under which a primary cut off from its replicas refuses writes. Still possible:
     * losing the primary and every replica at once, and a holder that outlives its lease (a long
     * GC pause); fencing tokens are the defence against the latter.
     */
    REPLICATED
}

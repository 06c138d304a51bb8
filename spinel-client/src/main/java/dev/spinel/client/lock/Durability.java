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
     * The acquire is acknowledged only once {@code WAIT} confirms at least one replica has it; if
     * none does within the timeout, the lock is released again and the acquire fails. A failover
     * right after the acquire then keeps the lock, as long as Sentinel or Cluster promote a replica
     * that acknowledged it. With one replica per primary (Spinel's cluster default) that is the
     * only candidate. With more, it is not guaranteed: Sentinel promotes the replica it last saw
     * furthest ahead, from INFO up to a second old, and a {@code spinel drill --scenario
     * stop-primary} with two replicas lost 121 writes confirmed by WAIT 1 that way; waiting for
     * every replica lost none in one round and 4 of 1541 in another, not yet explained. Also possible: losing the primary and every acknowledging
     * replica at once, and any holder that outlives its lease (a long GC pause); fencing tokens
     * are the defence against the latter.
     */
    REPLICATED
}

package dev.spinel.ops.topology;

/**
 * Failure-detection and persistence numbers Spinel writes into every config. The reasons are in
 * docs/tuning.md; the engine defaults (Sentinel 30 s, Cluster 15 s) leave clients without a
 * primary for far longer than a stall of a healthy node lasts.
 */
public final class Tuning {
    /** Sentinel declares a primary subjectively down after this much silence. */
    public static final int SENTINEL_DOWN_AFTER_MS = 3_000;
    /** The shortest down-after-milliseconds a spec may ask for. */
    public static final int SENTINEL_MIN_DOWN_AFTER_MS = 100;
    /** Sentinel's failover-timeout: how long a failover may take before another Sentinel retries it. */
    public static final int SENTINEL_FAILOVER_TIMEOUT_MS = 30_000;
    /** Replicas resynchronising with a new primary at once after a failover. */
    public static final int SENTINEL_PARALLEL_SYNCS = 1;
    /** Cluster nodes mark a peer as failing after this much silence. */
    public static final int CLUSTER_NODE_TIMEOUT_MS = 2_000;
    /** cluster-node-timeout while a new cluster forms: fast gossip, for a second or two. */
    public static final int CLUSTER_FORMING_NODE_TIMEOUT_MS = 500;
    /** Fraction of this host's RAM given to the data nodes on it, together. */
    public static final double MEMORY_SHARE = 0.25;
    public static final int MAX_CLIENTS = 10_000;
    /** RDB save points as in redis.conf's shipped defaults; AOF everysec covers the time between them. */
    public static final String SAVE_POINTS = "900 1 300 10 60 10000";

    private Tuning() {
    }

    /**
     * {@code min-replicas-max-lag} for {@code durability: replicated}: a primary whose replicas
     * have all been silent this long stops accepting writes, within about the time the topology
     * takes to notice it is gone and elect another. Replicas acknowledge once a second, so a lag
     * of 1 is normal and 2 is the least that does not refuse writes of a healthy node.
     */
    public static int minReplicasMaxLagSeconds(Spec spec) {
        int detectionMillis = spec.mode() == Mode.CLUSTER ? ClusterSteps.configuredNodeTimeout(spec)
                : spec.mode() == Mode.SENTINEL ? spec.downAfterMillis() : 0;
        return Math.max(2, (detectionMillis + 999) / 1000);
    }
}

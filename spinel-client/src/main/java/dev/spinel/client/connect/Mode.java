package dev.spinel.client.connect;

/** How the topology behind a {@link SpinelClient} is arranged, as detected at connect. */
public enum Mode {
    /** One primary, maybe with replicas, reached directly. */
    STANDALONE,
    /** Primary found through Sentinels; the connection follows their switch-master. */
    SENTINEL,
    /** Redis Cluster; the connection follows topology changes. */
    CLUSTER
}

package dev.spinel.ops.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders {@code redis.conf} for data nodes and {@code sentinel.conf} for Sentinels. Directives
 * are kept in a map so that a {@code --set} replaces Spinel's line instead of adding a second one
 * that would leave the reader guessing which wins.
 */
public final class ConfigRenderer {
    private ConfigRenderer() {
    }

    public static RenderedConfig dataNode(Spec spec, PlannedNode node, NodePaths paths, HostFacts host,
                                          List<PlannedNode> allNodes) {
        Map<String, String> directives = new LinkedHashMap<>();
        common(directives, node, paths);
        directives.put("dir", RenderedConfig.quote(paths.dataDir()));
        directives.put("requirepass", RenderedConfig.PASSWORD);
        directives.put("masterauth", RenderedConfig.PASSWORD);
        // Others must reach the node at its own address, not at the source address its connections
        // happen to leave from (on a loopback alias, that is 127.0.0.1).
        directives.put("replica-announce-ip", node.host());
        directives.put("maxmemory", Long.toString(maxmemory(host, node, allNodes)));
        directives.put("maxmemory-policy", spec.profile().maxmemoryPolicy());
        directives.put("maxclients", Integer.toString(Tuning.MAX_CLIENTS));
        directives.put("appendonly", "yes");
        directives.put("appendfsync", "everysec");
        directives.put("save", Tuning.SAVE_POINTS);
        // Replicas attach right after start; the default 5 s delay would hold their first sync back.
        directives.put("repl-diskless-sync", "yes");
        directives.put("repl-diskless-sync-delay", "0");
        if (spec.mode() == Mode.CLUSTER) {
            directives.put("cluster-enabled", "yes");
            directives.put("cluster-config-file", "nodes.conf");
            directives.put("cluster-node-timeout", Integer.toString(Tuning.CLUSTER_NODE_TIMEOUT_MS));
            directives.put("cluster-announce-ip", node.host());
        }
        if (spec.durability() == Durability.REPLICATED) {
            directives.put("min-replicas-to-write", "1");
            directives.put("min-replicas-max-lag", Integer.toString(Tuning.minReplicasMaxLagSeconds(spec)));
        }
        directives.putAll(spec.settings());
        String header = "# redis.conf of " + node.name() + " (" + spec.mode().id() + "), rendered by Spinel.\n"
                + "# Change spinel.yaml or `spinel up --set directive=value`, not this file.\n";
        return new RenderedConfig(node.name(), paths.config(), header + lines(directives));
    }

    /**
     * Sentinel's own file. It lists the other Sentinels with their ids, so they know each other
     * from the first second instead of after their hello messages (every 2 s) come round.
     * Sentinel rewrites this file itself from then on, so Spinel writes it only once.
     */
    public static RenderedConfig sentinel(Spec spec, PlannedNode sentinel, NodePaths paths, PlannedNode primary,
                                          List<PlannedNode> sentinels, Function<PlannedNode, String> sentinelId) {
        Map<String, String> directives = new LinkedHashMap<>();
        common(directives, sentinel, paths);
        directives.put("dir", RenderedConfig.quote(paths.dir()));
        directives.put("requirepass", RenderedConfig.PASSWORD);
        String name = spec.masterName();
        StringBuilder text = new StringBuilder("# sentinel.conf of " + sentinel.name()
                + ", rendered once by Spinel; Sentinel keeps it up to date from then on.\n");
        text.append(lines(directives));
        text.append("sentinel sentinel-pass ").append(RenderedConfig.PASSWORD).append('\n');
        text.append("sentinel announce-ip ").append(sentinel.host()).append('\n');
        text.append("sentinel myid ").append(sentinelId.apply(sentinel)).append('\n');
        text.append("sentinel monitor ").append(name).append(' ').append(primary.host()).append(' ')
                .append(primary.port()).append(' ').append(spec.quorum()).append('\n');
        text.append("sentinel auth-pass ").append(name).append(' ').append(RenderedConfig.PASSWORD).append('\n');
        text.append("sentinel down-after-milliseconds ").append(name).append(' ')
                .append(spec.downAfterMillis()).append('\n');
        text.append("sentinel failover-timeout ").append(name).append(' ')
                .append(Tuning.SENTINEL_FAILOVER_TIMEOUT_MS).append('\n');
        text.append("sentinel parallel-syncs ").append(name).append(' ')
                .append(Tuning.SENTINEL_PARALLEL_SYNCS).append('\n');
        for (PlannedNode other : sentinels) {
            if (!other.name().equals(sentinel.name())) {
                text.append("sentinel known-sentinel ").append(name).append(' ').append(other.host()).append(' ')
                        .append(other.port()).append(' ').append(sentinelId.apply(other)).append('\n');
            }
        }
        return new RenderedConfig(sentinel.name(), paths.config(), text.toString());
    }

    /** 25% of the host's RAM shared by the data nodes placed on that host. */
    static long maxmemory(HostFacts host, PlannedNode node, List<PlannedNode> allNodes) {
        long onHost = allNodes.stream().filter(PlannedNode::isData).filter(n -> n.host().equals(node.host())).count();
        return (long) (host.totalMemoryBytes() * Tuning.MEMORY_SHARE / Math.max(1, onHost));
    }

    private static void common(Map<String, String> directives, PlannedNode node, NodePaths paths) {
        directives.put("port", Integer.toString(node.port()));
        directives.put("bind", "127.0.0.1".equals(node.host()) ? "127.0.0.1 -::1" : node.host());
        directives.put("protected-mode", "yes");
        directives.put("daemonize", "no");
        directives.put("pidfile", RenderedConfig.quote(paths.pidFile()));
        directives.put("logfile", RenderedConfig.quote(paths.log()));
    }

    private static String lines(Map<String, String> directives) {
        StringBuilder text = new StringBuilder();
        directives.forEach((key, value) -> text.append(key).append(' ').append(value).append('\n'));
        return text.toString();
    }
}

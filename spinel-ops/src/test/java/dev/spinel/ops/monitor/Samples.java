package dev.spinel.ops.monitor;

import dev.spinel.ops.admin.ClusterInfoReply;
import dev.spinel.ops.admin.ClusterNodesReply;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.SentinelView;
import dev.spinel.ops.topology.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Node samples as real nodes would report them, built from INFO text in Redis's own format. */
final class Samples {
    static final Expectations SENTINEL = new Expectations(Mode.SENTINEL, "mymaster", 2, 3, 2, 1,
            Expectations.Thresholds.DEFAULT);
    static final Expectations CLUSTER = new Expectations(Mode.CLUSTER, null, 1, 0, 0, 3,
            Expectations.Thresholds.DEFAULT);

    private Samples() {
    }

    static NodeRef data(int port) {
        return new NodeRef("redis-" + port, "127.0.0.1", port, NodeRef.Kind.DATA);
    }

    static NodeRef sentinelRef(int port) {
        return new NodeRef("sentinel-" + port, "127.0.0.1", port, NodeRef.Kind.SENTINEL);
    }

    /** A primary with replicas given as "port:lagSeconds:offset". */
    static NodeSample primary(int port, long offset, String... replicas) {
        return primary(port, offset, Map.of(), replicas);
    }

    static NodeSample primary(int port, long offset, Map<String, String> extra, String... replicas) {
        StringBuilder info = new StringBuilder("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n");
        info.append("# Replication\r\nrole:master\r\nconnected_slaves:").append(replicas.length).append("\r\n");
        for (int i = 0; i < replicas.length; i++) {
            String[] parts = replicas[i].split(":");
            info.append("slave").append(i).append(":ip=127.0.0.1,port=").append(parts[0]).append(",state=online,offset=")
                    .append(parts[2]).append(",lag=").append(parts[1]).append("\r\n");
        }
        info.append("master_repl_offset:").append(offset).append("\r\n");
        return sample(data(port), info, extra);
    }

    static NodeSample replica(int port, int primaryPort, long offset, String link) {
        StringBuilder info = new StringBuilder("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n");
        info.append("# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:").append(primaryPort)
                .append("\r\nmaster_link_status:").append(link).append("\r\nslave_repl_offset:").append(offset)
                .append("\r\nmaster_repl_offset:").append(offset).append("\r\n");
        return sample(data(port), info, Map.of());
    }

    private static NodeSample sample(NodeRef node, StringBuilder info, Map<String, String> extra) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("used_memory", "1048576", "maxmemory", "0",
                "connected_clients", "3", "keyspace_hits", "0", "keyspace_misses", "0", "evicted_keys", "0",
                "instantaneous_ops_per_sec", "0"));
        fields.putAll(extra);
        info.append("# Stats\r\n");
        fields.forEach((k, v) -> info.append(k).append(':').append(v).append("\r\n"));
        return new NodeSample(node, null, 200, InfoReply.parse(info.toString()), null, List.of(), null);
    }

    /** A Sentinel naming a primary at a port, with flags, replicas and other Sentinels as it counts them. */
    static NodeSample sentinel(int port, int primaryPort, String flags, int otherSentinels) {
        var primary = SentinelView.primary(Map.of("name", "mymaster", "ip", "127.0.0.1", "port",
                Integer.toString(primaryPort), "flags", flags, "num-slaves", "2", "num-other-sentinels",
                Integer.toString(otherSentinels), "quorum", "2", "config-epoch", "0"));
        InfoReply info = InfoReply.parse("# Server\r\nredis_version:7.0.15\r\nredis_mode:sentinel\r\n# Clients\r\n"
                + "connected_clients:2\r\n");
        return new NodeSample(sentinelRef(port), null, 150, info, null, List.of(),
                new SentinelObservation(primary, List.of(), List.of()));
    }

    static NodeSample down(NodeRef node) {
        return NodeSample.unreachable(node, "Connection refused");
    }

    static List<NodeSample> healthySentinelTopology() {
        List<NodeSample> nodes = new ArrayList<>();
        nodes.add(primary(6379, 500, "6380:0:500", "6381:0:500"));
        nodes.add(replica(6380, 6379, 500, "up"));
        nodes.add(replica(6381, 6379, 500, "up"));
        for (int port = 26379; port <= 26381; port++) {
            nodes.add(sentinel(port, 6379, "master", 2));
        }
        return nodes;
    }

    /** A node of the captured 6-node cluster (Redis 7.0.15), with the given cluster_state and slots ok. */
    static NodeSample clusterNode(int port, String role, String state, int slotsOk) {
        String info = "# Server\r\nredis_version:7.0.15\r\nredis_mode:cluster\r\n# Replication\r\nrole:" + role
                + "\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:up\r\nmaster_repl_offset:10\r\n"
                + "# Cluster\r\ncluster_enabled:1\r\n";
        ClusterInfoReply clusterInfo = ClusterInfoReply.parse("cluster_state:" + state + "\r\ncluster_slots_assigned:16384"
                + "\r\ncluster_slots_ok:" + slotsOk + "\r\ncluster_known_nodes:6\r\ncluster_current_epoch:6\r\n");
        return new NodeSample(data(port), null, 200, InfoReply.parse(info), clusterInfo,
                ClusterNodesReply.parse(clusterNodes()), null);
    }

    static String clusterNodes() {
        return """
                a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460
                b2 127.0.0.1:7001@17001 master - 0 1700000000000 2 connected 5461-10922
                c3 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923-16383
                d4 127.0.0.1:7003@17003 slave a1 0 1700000000000 1 connected
                e5 127.0.0.1:7004@17004 slave b2 0 1700000000000 2 connected
                f6 127.0.0.1:7005@17005 slave c3 0 1700000000000 3 connected
                """;
    }

    static Snapshot snapshot(long sequence, Expectations expected, List<NodeSample> nodes) {
        return Snapshot.of(sequence, Instant.ofEpochSecond(1_800_000_000L + sequence), "test", expected, nodes);
    }
}

package dev.spinel.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.ops.topology.SlotRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRepliesTest {

    @Test
    void parsesACapturedSixNodeCluster() {
        List<ClusterNode> nodes = ClusterNodesReply.parse(Replies.load("cluster-nodes-7.0.txt"));
        assertThat(nodes).hasSize(6);
        ClusterNode myself = nodes.stream().filter(ClusterNode::isMyself).findFirst().orElseThrow();
        assertThat(myself.address()).isEqualTo("127.0.0.1:7000");
        assertThat(myself.busPort()).isEqualTo(17000);
        assertThat(myself.isPrimary()).isTrue();
        assertThat(myself.slots()).containsExactly(new SlotRange(0, 5460));
        assertThat(myself.configEpoch()).isEqualTo(1);
        assertThat(nodes.stream().mapToInt(ClusterNode::slotCount).sum()).isEqualTo(16384);
        List<ClusterNode> replicas = nodes.stream().filter(n -> !n.isPrimary()).toList();
        assertThat(replicas).hasSize(3).allSatisfy(r -> {
            assertThat(r.primaryId()).isPresent();
            assertThat(r.slots()).isEmpty();
            assertThat(r.linkConnected()).isTrue();
        });
        assertThat(nodes).noneMatch(ClusterNode::inHandshake).noneMatch(ClusterNode::isFailing);
    }

    @Test
    void parsesAFreshNode() {
        List<ClusterNode> nodes = ClusterNodesReply.parse(
                "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca :7000@17000 myself,master - 0 0 0 connected\n");
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.host()).isEmpty();
            assertThat(n.port()).isEqualTo(7000);
            assertThat(n.slots()).isEmpty();
            assertThat(n.configEpoch()).isZero();
        });
    }

    @Test
    void parsesIpv6HostnamesMigrationsAndFailures() {
        String line = "07c37dfeb235213a872192d90877d0cd55635b91 [::1]:30004@31004,node-4.example "
                + "master,fail? - 1402574224000 1402574223000 4 disconnected 0-100 105 "
                + "[106->-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f] [107-<-e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca]";
        ClusterNode node = ClusterNodesReply.parseLine(line);
        assertThat(node.host()).isEqualTo("::1");
        assertThat(node.address()).isEqualTo("[::1]:30004");
        assertThat(node.busPort()).isEqualTo(31004);
        assertThat(node.hostname()).contains("node-4.example");
        assertThat(node.isFailing()).isTrue();
        assertThat(node.linkConnected()).isFalse();
        assertThat(node.slots()).containsExactly(new SlotRange(0, 100), new SlotRange(105, 105));
        assertThat(node.migrations()).hasSize(2);
        assertThat(node.pendingMigrations()).containsExactly(
                new ClusterNode.Migration(106, false, "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f"),
                new ClusterNode.Migration(107, true, "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca"));
    }

    @Test
    void parsesTheHandshakeOfANewlyMetNode() {
        ClusterNode node = ClusterNodesReply.parseLine(
                "5c7d1b1b8ac2af8a8d55d4b4b4c3e5a3c1a1b2c3 127.0.0.1:7005@17005 handshake - 1700000000000 0 0 connected");
        assertThat(node.inHandshake()).isTrue();
    }

    @Test
    void parsesACapturedClusterInfo() {
        ClusterInfoReply info = ClusterInfoReply.parse(Replies.load("cluster-info-7.0.txt"));
        assertThat(info.isOk()).isTrue();
        assertThat(info.slotsAssigned()).isEqualTo(16384);
        assertThat(info.slotsOk()).isEqualTo(16384);
        assertThat(info.knownNodes()).isEqualTo(6);
        assertThat(info.number("cluster_size")).isEqualTo(3);
    }

    /** CLUSTER SHARDS of a fresh 3 x 2 cluster on Redis 7.0.15, as Lettuce hands it over (RESP2 form). */
    @Test
    void parsesCapturedClusterShards() {
        List<Object> reply = List.of(
                List.of("slots", List.of(5461L, 10922L), "nodes", List.of(
                        List.of("id", "503cbfd6957a1135ace86bbb42868b10c5497cee", "port", 7001L, "ip", "127.0.0.1",
                                "endpoint", "127.0.0.1", "role", "master", "replication-offset", 0L, "health", "online"),
                        List.of("id", "2f1dbc4392744d16aeb4e48d3cc3172aa2026198", "port", 7004L, "ip", "127.0.0.1",
                                "endpoint", "127.0.0.1", "role", "replica", "replication-offset", 0L,
                                "health", "loading"))),
                List.of("slots", List.of(0L, 5460L), "nodes", List.of(
                        List.of("id", "9c6eb5ff0d87a658667f03dc90a46c278c1a9264", "port", 7000L, "ip", "127.0.0.1",
                                "endpoint", "127.0.0.1", "role", "master", "replication-offset", 0L, "health", "online"))));
        List<ClusterShardsReply.Shard> shards = ClusterShardsReply.parse(reply);
        assertThat(shards).hasSize(2);
        assertThat(shards.getFirst().slots()).containsExactly(new SlotRange(5461, 10922));
        assertThat(shards.getFirst().nodes()).extracting(ClusterShardsReply.ShardNode::address)
                .containsExactly("127.0.0.1:7001", "127.0.0.1:7004");
        assertThat(shards.getFirst().nodes().getFirst().isPrimary()).isTrue();
        assertThat(shards.getFirst().nodes().get(1).health()).isEqualTo("loading");
    }

    @Test
    void parsesClusterShardsAsResp3Maps() {
        List<Object> reply = List.of(java.util.Map.of("slots", List.of(0L, 100L, 200L, 300L), "nodes", List.of(
                java.util.Map.of("id", "a", "port", 7000L, "ip", "::1", "endpoint", "::1", "role", "master",
                        "replication-offset", 42L, "health", "online"))));
        ClusterShardsReply.Shard shard = ClusterShardsReply.parse(reply).getFirst();
        assertThat(shard.slots()).containsExactly(new SlotRange(0, 100), new SlotRange(200, 300));
        assertThat(shard.nodes().getFirst().address()).isEqualTo("[::1]:7000");
        assertThat(shard.nodes().getFirst().replicationOffset()).isEqualTo(42);
    }
}

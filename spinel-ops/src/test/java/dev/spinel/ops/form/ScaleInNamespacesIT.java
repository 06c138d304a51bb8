package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.ops.process.NetworkNamespaces;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.testkit.RedisLeakCheck;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose nodes each run in a network namespace of their own (root only) scales out and
 * in: every node keeps its address, the new nodes get namespaces, the retired ones lose theirs.
 */
@ExtendWith(RedisLeakCheck.class)
class ScaleInNamespacesIT {
    private static final int KEYS = 2000;

    @TempDir
    Path temp;

    @Test
    void scalesOutAndInKeepingEveryNodesAddress() throws Exception {
        Assumptions.assumeTrue(NetworkNamespaces.unavailable().isEmpty(),
                () -> "network namespaces: " + NetworkNamespaces.unavailable().orElse(""));
        List<String> before = NetworkNamespaces.existing();
        try (TopologyFixture fixture = new TopologyFixture(temp, 8, Optional.empty())) {
            SpecDraft draft = fixture.draft("cluster", 3, 1, null);
            fixture.up(new SpecDraft(draft.version(), draft.mode(), draft.nodes(), draft.shards(), draft.replicas(),
                    draft.portBase(), draft.hosts(), draft.profile(), draft.settings(), draft.sentinel(), null, null,
                    "namespaces"));
            Map<String, String> formed = hosts(fixture);
            // 6 namespaces, the 6 links into them and 1 bridge.
            assertThat(NetworkNamespaces.existing()).hasSize(before.size() + 13);
            PlannedNode seed = LayoutPlanner.layout(SpecLoader.load(fixture.dir, Optional.empty(), SpecDraft.empty())
                    .resolved().spec()).getFirst();
            RedisClusterClient client = RedisClusterClient.create(RedisURI.builder().withHost(seed.host())
                    .withPort(seed.port()).withPassword(fixture.password().toCharArray()).build());
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                RedisAdvancedClusterCommands<String, String> redis = connection.sync();
                for (int i = 0; i < KEYS; i++) {
                    redis.set("ns:" + i, "v" + i);
                }

                Scale.Result grown = Scale.run(request(fixture, 4), progress -> { });
                assertThat(grown.rebalance().orElseThrow().keysMoved()).isPositive();
                Map<String, String> four = hosts(fixture);
                assertThat(four).hasSize(8).containsAllEntriesOf(formed);
                assertThat(NetworkNamespaces.existing()).hasSize(before.size() + 17);

                Scale.Result shrunk = Scale.run(request(fixture, 3), progress -> { });
                assertThat(shrunk.retired()).hasSize(2);
                assertThat(hosts(fixture)).isEqualTo(formed);
                assertThat(NetworkNamespaces.existing()).as("the retired nodes' namespaces and links are gone")
                        .hasSize(before.size() + 13);
                for (int i = 0; i < KEYS; i++) {
                    assertThat(redis.get("ns:" + i)).isEqualTo("v" + i);
                }
            } finally {
                client.shutdown();
            }
        }
        assertThat(NetworkNamespaces.existing()).as("down removes the namespaces").isEqualTo(before);
    }

    /** Each data node's address by name, as the stored spec lays them out. */
    private static Map<String, String> hosts(TopologyFixture fixture) {
        return LayoutPlanner.layout(SpecLoader.load(fixture.dir, Optional.empty(), SpecDraft.empty()).resolved().spec())
                .stream().filter(node -> Files.isDirectory(fixture.dir.resolve("nodes").resolve(node.name())))
                .collect(Collectors.toMap(PlannedNode::name, PlannedNode::host));
    }

    private static Scale.Request request(TopologyFixture fixture, int shards) {
        return new Scale.Request(fixture.dir, Optional.of(shards), Optional.empty(), Rebalance.Options.defaults(),
                Duration.ofSeconds(60), "test", line -> { });
    }
}

package dev.spinel.ops.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRendererTest {
    static final NodePaths PATHS = new NodePaths("/p/nodes/n", "/p/nodes/n/data", "/p/nodes/n/redis.conf",
            "/p/nodes/n/redis.log", "/p/nodes/n/redis.pid");

    static Spec spec(SpecDraft draft) {
        return SpecResolver.resolve(draft, SpecSource.flags()).spec();
    }

    @Test
    void dataNodesGetSpinelsSecureDurableDefaults() {
        Spec spec = spec(SpecResolverTest.draft("cluster"));
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        RenderedConfig config = ConfigRenderer.dataNode(spec, nodes.getFirst(), PATHS, new HostFacts(24L << 30), nodes);
        String text = config.withPassword("s3cret");
        assertThat(text).contains("port 7000\n", "bind 127.0.0.1 -::1\n", "protected-mode yes\n",
                "requirepass \"s3cret\"\n", "masterauth \"s3cret\"\n", "maxclients 10000\n", "appendonly yes\n",
                "appendfsync everysec\n", "save 900 1 300 10 60 10000\n", "maxmemory-policy noeviction\n",
                "cluster-enabled yes\n", "cluster-node-timeout 2000\n", "dir \"/p/nodes/n/data\"\n",
                "repl-diskless-sync-delay 0\n");
        // 25% of 24 GiB shared by the 6 data nodes on this host.
        assertThat(text).contains("maxmemory " + (24L << 30) / 4 / 6 + "\n");
    }

    @Test
    void planOutputNeverHoldsThePassword() {
        Spec spec = spec(SpecDraft.empty());
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        RenderedConfig config = ConfigRenderer.dataNode(spec, nodes.getFirst(), PATHS, new HostFacts(1L << 30), nodes);
        assertThat(config.redacted()).doesNotContain(RenderedConfig.PASSWORD).contains("requirepass <secret");
        assertThat(config.template()).doesNotContain("s3cret");
    }

    @Test
    void aSetDirectiveReplacesSpinelsLineInsteadOfAddingOne() {
        Spec spec = spec(new SpecDraft(null, "replication", null, null, null, null, null, "cache",
                Map.of("appendonly", "no", "hz", "50"), null));
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        String text = ConfigRenderer.dataNode(spec, nodes.getFirst(), PATHS, new HostFacts(1L << 30), nodes).template();
        assertThat(text).contains("appendonly no\n", "hz 50\n", "maxmemory-policy allkeys-lru\n")
                .doesNotContain("appendonly yes").doesNotContain("cluster-enabled");
    }

    @Test
    void memoryIsSharedOnlyByTheNodesOnTheSameHost() {
        Spec spec = spec(new SpecDraft(null, "cluster", null, 3, 1, null, List.of("127.0.0.1", "127.0.0.2"), null,
                null, null));
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        long onFirstHost = nodes.stream().filter(n -> n.host().equals("127.0.0.1")).count();
        assertThat(ConfigRenderer.maxmemory(new HostFacts(8L << 30), nodes.getFirst(), nodes))
                .isEqualTo((8L << 30) / 4 / onFirstHost);
    }

    @Test
    void sentinelsKnowEachOtherFromTheirFirstSecond() {
        Spec spec = spec(SpecDraft.empty());
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        List<PlannedNode> sentinels = nodes.stream().filter(n -> n.kind() == NodeKind.SENTINEL).toList();
        RenderedConfig config = ConfigRenderer.sentinel(spec, sentinels.getFirst(), PATHS, nodes.getFirst(), sentinels,
                s -> SentinelIds.of("project-1", s));
        String text = config.withPassword("pw");
        assertThat(text).contains("sentinel monitor mymaster 127.0.0.1 6379 2\n",
                "sentinel auth-pass mymaster \"pw\"\n", "sentinel sentinel-pass \"pw\"\n", "requirepass \"pw\"\n",
                "sentinel down-after-milliseconds mymaster 3000\n", "sentinel parallel-syncs mymaster 1\n",
                "sentinel myid " + SentinelIds.of("project-1", sentinels.getFirst()) + "\n");
        assertThat(text.lines().filter(l -> l.startsWith("sentinel known-sentinel"))).hasSize(2);
        assertThat(SentinelIds.of("project-1", sentinels.get(0))).hasSize(40)
                .isNotEqualTo(SentinelIds.of("project-1", sentinels.get(1)))
                .isNotEqualTo(SentinelIds.of("project-2", sentinels.get(0)));
    }

    @Test
    void theSpecsDownAfterGoesToEverySentinel() {
        Spec spec = spec(new SpecDraft(null, "sentinel", null, null, null, null, null, null, null,
                new SpecDraft.SentinelDraft(null, null, null, null, 2500)));
        List<PlannedNode> nodes = LayoutPlanner.layout(spec);
        List<PlannedNode> sentinels = nodes.stream().filter(n -> n.kind() == NodeKind.SENTINEL).toList();
        String text = ConfigRenderer.sentinel(spec, sentinels.getFirst(), PATHS, nodes.getFirst(), sentinels,
                s -> SentinelIds.of("project-1", s)).template();
        assertThat(text).contains("sentinel down-after-milliseconds mymaster 2500\n");
    }

    @Test
    void replicatedDurabilityMakesPrimariesRefuseWritesWithoutARecentReplica() {
        Spec sentinel = spec(new SpecDraft(null, "sentinel", null, null, null, null, null, null, null,
                new SpecDraft.SentinelDraft(null, null, null, null, 1000), null, "replicated"));
        List<PlannedNode> nodes = LayoutPlanner.layout(sentinel);
        assertThat(ConfigRenderer.dataNode(sentinel, nodes.getFirst(), PATHS, new HostFacts(1L << 30), nodes).template())
                .contains("min-replicas-to-write 1\n", "min-replicas-max-lag 2\n");
        // A slower detection keeps a lone primary writable for as long as the topology needs to replace it.
        Spec slowCluster = spec(new SpecDraft(null, "cluster", null, null, null, null, null, null,
                Map.of("cluster-node-timeout", "5000"), null, null, "replicated"));
        List<PlannedNode> clusterNodes = LayoutPlanner.layout(slowCluster);
        assertThat(ConfigRenderer.dataNode(slowCluster, clusterNodes.getFirst(), PATHS, new HostFacts(1L << 30),
                clusterNodes).template()).contains("min-replicas-max-lag 5\n");
        Spec async = spec(SpecDraft.empty());
        assertThat(ConfigRenderer.dataNode(async, LayoutPlanner.layout(async).getFirst(), PATHS,
                new HostFacts(1L << 30), LayoutPlanner.layout(async)).template()).doesNotContain("min-replicas");
    }

    @Test
    void passwordsAreQuotedAsRedisReadsThem() {
        assertThat(RenderedConfig.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}

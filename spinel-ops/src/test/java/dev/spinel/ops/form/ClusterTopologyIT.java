package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.testkit.RedisLeakCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

@ExtendWith(RedisLeakCheck.class)
class ClusterTopologyIT {
    /** A new instance per test: nodes started before this are not this test's. */
    private final Instant testStart = Instant.now();

    @TempDir
    Path temp;

    @Test
    void aClusterClientSpreadsKeysOverAllThreeShards() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));

            Set<HostAndPort> seeds = new HashSet<>();
            for (int port = fixture.portBase; port < fixture.portBase + 6; port++) {
                seeds.add(new HostAndPort("127.0.0.1", port));
            }
            try (RedisClusterClient cluster = RedisClusterClient.builder().nodes(seeds)
                    .clientConfig(fixture.clientConfig()).build()) {
                for (int i = 0; i < 300; i++) {
                    cluster.set("key:" + i, "value:" + i);
                }
                assertThat(cluster.get("key:42")).isEqualTo("value:42");
            }
            long total = 0;
            for (int port = fixture.portBase; port < fixture.portBase + 3; port++) {
                try (Jedis primary = fixture.jedis(port)) {
                    long keys = primary.dbSize();
                    assertThat(keys).as("keys on primary " + port).isGreaterThan(50);
                    total += keys;
                    assertThat(primary.clusterInfo()).contains("cluster_state:ok", "cluster_slots_assigned:16384",
                            "cluster_known_nodes:6");
                }
            }
            assertThat(total).isEqualTo(300);
            for (int port = fixture.portBase + 3; port < fixture.portBase + 6; port++) {
                try (Jedis replica = fixture.jedis(port)) {
                    assertThat(replica.info("replication")).contains("role:slave", "master_link_status:up");
                }
            }
            redisCliCheck(fixture).ifPresent(output -> assertThat(output).contains("[OK] All 16384 slots covered."));
            // The fast gossip used while forming is gone once the cluster is ready.
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                assertThat(node.configGet("cluster-node-timeout")).containsEntry("cluster-node-timeout", "2000");
            }
            assertThat(fixture.upAgain().plan().isEmpty()).as("up twice changes nothing").isTrue();

            // As if an earlier up had been interrupted while the cluster formed with fast gossip.
            try (Jedis node = fixture.jedis(fixture.portBase + 2)) {
                node.configSet("cluster-node-timeout", "500");
                assertThat(fixture.upAgain().plan().actions()).extracting(a -> a.describe())
                        .containsExactly("CONFIG SET cluster-node-timeout 2000 on redis-" + (fixture.portBase + 2));
                assertThat(node.configGet("cluster-node-timeout")).containsEntry("cluster-node-timeout", "2000");
            }
        }
        assertThat(RedisLeakCheck.runningRedisStartedSince(testStart)).isEmpty();
    }

    @Test
    void aKilledReplicaIsStartedAgainAndRejoinsFromItsNodesConf() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            String replica = "redis-" + (fixture.portBase + 4);
            fixture.kill9(replica);

            Up.Result again = fixture.upAgain();
            assertThat(again.plan().actions()).extracting(a -> a.describe())
                    .containsExactly("start " + replica + " on 127.0.0.1:" + (fixture.portBase + 4));
            try (Jedis node = fixture.jedis(fixture.portBase + 4)) {
                assertThat(node.info("replication")).contains("role:slave", "master_link_status:up");
                assertThat(node.clusterInfo()).contains("cluster_state:ok");
            }
        }
    }

    @Test
    void spreadOverThreeLoopbackHostsNoReplicaSharesItsPrimarysHost() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            SpecDraft draft = fixture.draft("cluster", null, null, null);
            fixture.up(new SpecDraft(null, draft.mode(), null, null, null, draft.portBase(),
                    java.util.List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), null, null, null));
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                java.util.Map<String, String> hostById = new java.util.HashMap<>();
                java.util.List<String[]> lines = node.clusterNodes().lines().map(l -> l.split(" ")).toList();
                lines.forEach(f -> hostById.put(f[0], f[1].substring(0, f[1].indexOf(':'))));
                assertThat(java.util.Set.copyOf(hostById.values())).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2",
                        "127.0.0.3");
                long replicas = lines.stream().filter(f -> f[2].contains("slave")).peek(f ->
                        assertThat(hostById.get(f[0])).as("replica " + f[1]).isNotEqualTo(hostById.get(f[3])))
                        .count();
                assertThat(replicas).isEqualTo(3);
            }
        }
    }

    /** `redis-cli --cluster check`, when redis-cli is installed (Spinel itself never needs it). */
    private static Optional<String> redisCliCheck(TopologyFixture fixture) throws IOException, InterruptedException {
        Optional<Path> cli = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> java.util.Arrays.stream(path.split(":")))
                .map(dir -> Path.of(dir, "redis-cli")).filter(Files::isExecutable).findFirst();
        if (cli.isEmpty()) {
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(cli.get().toString(), "--cluster", "check",
                "127.0.0.1:" + fixture.portBase).redirectErrorStream(true);
        builder.environment().put("REDISCLI_AUTH", fixture.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Optional.of(output);
    }
}

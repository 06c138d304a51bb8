package dev.spinel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spinel.testkit.FreePorts;
import dev.spinel.testkit.RedisLeakCheck;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * {@code spinel rebalance} killed with SIGKILL in the middle of moving slots, in a JVM of its
 * own, and run again: the second run finishes what the first left, and no key is lost.
 */
@ExtendWith(RedisLeakCheck.class)
class CliRebalanceIT {
    private static final int KEYS = 40_000;

    @TempDir
    Path temp;

    @Test
    void aRebalanceKilledMidMigrationIsFinishedByTheNextRun() throws Exception {
        String dir = temp.resolve("p").toString();
        int port = FreePorts.block(6);
        CliRun up = CliRun.of("up", "--dir", dir, "--mode", "cluster", "--port-base", Integer.toString(port),
                "--no-console");
        assertThat(up.exitCode()).as(up.err()).isZero();
        String password = CliRun.of("secret", "--dir", dir).out().strip();
        RedisClusterClient client = RedisClusterClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withPassword(password.toCharArray()).build());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            RedisAdvancedClusterAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<String>> sets = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                sets.add(async.set("k:" + i, "v" + i));
            }
            assertThat(LettuceFutures.awaitAll(Duration.ofSeconds(60), sets.toArray(RedisFuture[]::new))).isTrue();

            // One key per MIGRATE, so the slots move slowly enough to be caught in the middle.
            String weight = "redis-" + port + "=3";
            Process first = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "rebalance", "--dir", dir, "--weight", weight, "--pipeline", "1")
                    .redirectErrorStream(true).redirectOutput(temp.resolve("first.log").toFile()).start();
            try (Jedis primary = jedis(port, password)) {
                try {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> slotsServed(primary) > 5461 + 64 || !first.isAlive());
                    assertThat(first.isAlive()).as("the first run was still moving slots when killed").isTrue();
                } finally {
                    // Killed by its PID on every path, a failed wait included.
                    first.destroyForcibly();
                    first.waitFor(10, TimeUnit.SECONDS);
                }
                int afterKill = slotsServed(primary);
                assertThat(afterKill).isBetween(5462, 9830 - 1);
                boolean halfMoved = false;
                for (int p = port; p < port + 3; p++) {
                    try (Jedis node = jedis(p, password)) {
                        halfMoved |= node.clusterNodes().contains("-<-");
                    }
                }

                CliRun second = CliRun.of("rebalance", "--dir", dir, "--weight", weight);
                assertThat(second.exitCode()).as(second.err() + second.out()).isZero();
                assertThat(second.out()).contains("Moved");
                if (halfMoved) {
                    assertThat(second.err()).contains("by an interrupted run");
                }
                System.out.println("rebalance killed with slots half moved: " + halfMoved);
                assertThat(slotsServed(primary)).isBetween(9829, 9831);
                for (int p = port; p < port + 3; p++) {
                    try (Jedis node = jedis(p, password)) {
                        assertThat(node.clusterNodes()).doesNotContain("->-", "-<-");
                        assertThat(node.clusterInfo()).contains("cluster_state:ok", "cluster_slots_assigned:16384");
                    }
                }
            }
            long total = 0;
            for (int p = port; p < port + 3; p++) {
                try (Jedis node = jedis(p, password)) {
                    total += node.dbSize();
                }
            }
            assertThat(total).isEqualTo(KEYS);
            var sync = connection.sync();
            for (int i = 0; i < KEYS; i += 7) {
                assertThat(sync.get("k:" + i)).isEqualTo("v" + i);
            }

            // Both counts in one command: the dry run plans the replicas first and names the step after.
            CliRun both = CliRun.of("scale", "--dir", dir, "--shards", "4", "--replicas", "2", "--dry-run");
            assertThat(both.exitCode()).as(both.err()).isZero();
            assertThat(both.out()).contains("would start redis-" + (port + 6), "Would scale replicas per shard: 1 -> 2",
                    "then: spinel scale --shards 4 (planned once the step before is done)");
        } finally {
            client.shutdown();
            CliRun.of("down", "--dir", dir, "--purge");
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Jedis jedis(int port, String password) {
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().password(password)
                .timeoutMillis(5000).build());
    }

    private static int slotsServed(Jedis node) {
        String self = node.clusterNodes().lines().filter(line -> line.contains("myself")).findFirst().orElseThrow();
        String[] fields = self.split(" ");
        int count = 0;
        for (int i = 8; i < fields.length; i++) {
            if (fields[i].startsWith("[")) {
                continue;
            }
            String[] ends = fields[i].split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
        }
        return count;
    }
}

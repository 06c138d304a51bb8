package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.connect.SpinelClientOptions;
import dev.spinel.ops.status.StatusReader;
import dev.spinel.ops.status.TopologyStatus;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisSentinelClient;

@ExtendWith(RedisLeakCheck.class)
class SentinelTopologyIT {
    /** A new instance per test: nodes started before this are not this test's. */
    private final Instant testStart = Instant.now();

    @TempDir
    Path temp;

    @Test
    void writesThroughSentinelDiscoveryReachThePrimaryAndReplicate() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            Up.Result result = fixture.up(fixture.draft("sentinel", null, null, null));
            assertThat(result.plan().actions()).isNotEmpty();

            Set<HostAndPort> sentinels = Set.of(new HostAndPort("127.0.0.1", fixture.sentinelPortBase),
                    new HostAndPort("127.0.0.1", fixture.sentinelPortBase + 1),
                    new HostAndPort("127.0.0.1", fixture.sentinelPortBase + 2));
            try (RedisSentinelClient client = RedisSentinelClient.builder().masterName("mymaster").sentinels(sentinels)
                    .sentinelClientConfig(DefaultJedisClientConfig.builder().password(fixture.password()).build())
                    .clientConfig(fixture.clientConfig()).build()) {
                assertThat(client.getCurrentMaster().getPort()).isEqualTo(fixture.portBase);
                client.set("greeting", "hello");
                assertThat(client.waitReplicas("greeting", 2, 5000)).isEqualTo(2);
            }
            for (int port = fixture.portBase + 1; port <= fixture.portBase + 2; port++) {
                try (Jedis replica = fixture.jedis(port)) {
                    assertThat(replica.get("greeting")).isEqualTo("hello");
                    assertThat(replica.info("replication")).contains("role:slave", "master_link_status:up");
                }
            }
            // Every Sentinel requires the password too.
            try (Jedis anonymous = new Jedis("127.0.0.1", fixture.sentinelPortBase)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(anonymous::ping).hasMessageContaining("NOAUTH");
            }

            assertThat(fixture.upAgain().plan().isEmpty()).as("up twice changes nothing").isTrue();
        }
        assertThat(RedisLeakCheck.runningRedisStartedSince(testStart)).as("down leaves no process").isEmpty();
    }

    @Test
    void readsFromReplicasGoToReplicasWhenAskedTo() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            String uri = "redis-sentinel://" + fixture.password() + "@127.0.0.1:" + fixture.sentinelPortBase + "/mymaster";
            try (SpinelClient client = SpinelClient.create(uri, SpinelClientOptions.builder()
                    .readFrom(io.lettuce.core.ReadFrom.REPLICA).build())) {
                client.sync().set("spread", "reads");
                assertThat(client.waitForReplicas("spread", 2, Duration.ofSeconds(5))).isEqualTo(2);
                long before = replicaGets(fixture);
                for (int i = 0; i < 50; i++) {
                    assertThat(client.sync().get("spread")).isEqualTo("reads");
                }
                assertThat(replicaGets(fixture) - before).as("GETs served by the replicas").isEqualTo(50);
            }
        }
    }

    private static long replicaGets(TopologyFixture fixture) {
        long gets = 0;
        for (int port = fixture.portBase + 1; port <= fixture.portBase + 2; port++) {
            try (Jedis replica = fixture.jedis(port)) {
                String stats = replica.info("commandstats");
                gets += stats.lines().filter(line -> line.startsWith("cmdstat_get:"))
                        .mapToLong(line -> Long.parseLong(line.replaceFirst("^cmdstat_get:calls=(\\d+),.*", "$1"))).sum();
            }
        }
        return gets;
    }

    @Test
    void aKilledPrimaryComesBackAsAReplicaOfTheSentinelsNewPrimary() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                primary.set("kept", "yes");
                assertThat(primary.waitReplicas(2, 5000)).isEqualTo(2);
            }
            fixture.kill9("redis-" + fixture.portBase);

            // Sentinel fails over after down-after-milliseconds; observe it through Sentinel itself.
            String newPrimary = awaitNewPrimary(fixture, Duration.ofSeconds(40));
            assertThat(newPrimary).isNotEqualTo("127.0.0.1:" + fixture.portBase);
            // Sentinel names the new primary before it has moved the other replica over; up would do that itself.
            int newPort = Integer.parseInt(newPrimary.substring(newPrimary.indexOf(':') + 1));
            int otherReplica = fixture.portBase + 1 == newPort ? fixture.portBase + 2 : fixture.portBase + 1;
            Awaitility.await("Sentinel to move redis-" + otherReplica + " to the new primary")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        try (Jedis replica = fixture.jedis(otherReplica)) {
                            return replica.info("replication").contains("master_port:" + newPort + "\r\n");
                        }
                    });

            Up.Result again = fixture.upAgain();
            assertThat(again.plan().actions()).extracting(a -> a.describe()).containsExactly(
                    "start redis-" + fixture.portBase + " on 127.0.0.1:" + fixture.portBase,
                    "REPLICAOF 127.0.0.1 " + newPrimary.substring(newPrimary.indexOf(':') + 1) + " on redis-"
                            + fixture.portBase);
            try (Jedis old = fixture.jedis(fixture.portBase)) {
                assertThat(old.info("replication")).contains("role:slave", "master_link_status:up");
                assertThat(old.get("kept")).isEqualTo("yes");
            }
            TopologyStatus status = StatusReader.read(fixture.dir);
            assertThat(status.nodesUp()).isEqualTo(6);
            assertThat(status.nodes()).filteredOn(n -> "primary".equals(n.role())).singleElement()
                    .satisfies(n -> assertThat(n.address()).isEqualTo(newPrimary));
        }
    }

    private static String awaitNewPrimary(TopologyFixture fixture, Duration timeout) {
        String old = "127.0.0.1:" + fixture.portBase;
        return Awaitility.await("Sentinel to fail over from " + old).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    try (Jedis sentinel = new Jedis(new HostAndPort("127.0.0.1", fixture.sentinelPortBase),
                            fixture.clientConfig())) {
                        var address = sentinel.sentinelGetMasterAddrByName("mymaster");
                        return address.get(0) + ":" + address.get(1);
                    }
                }, current -> !current.equals(old));
    }
}

package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.cache.CacheManager;
import dev.spinel.client.cache.CacheRegion;
import dev.spinel.client.cache.Codec;
import dev.spinel.client.cache.Region;
import dev.spinel.client.connect.Mode;
import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.Durability;
import dev.spinel.client.lock.Lock;
import dev.spinel.client.lock.LockInfo;
import dev.spinel.client.lock.LockManager;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The toolkit on topologies Spinel formed, through a real kill -9 of the primary: the client
 * follows the failover, locks taken with REPLICATED durability survive it, and the cache works on.
 */
@ExtendWith(RedisLeakCheck.class)
class ClientFailoverIT {
    private static final int LOCKS = 20;

    @TempDir
    Path temp;

    @Test
    void sentinelFailoverKeepsReplicatedLocksAndTheClientFollows() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            String uri = "redis-sentinel://" + fixture.password() + "@127.0.0.1:" + fixture.sentinelPortBase
                    + ",127.0.0.1:" + (fixture.sentinelPortBase + 1) + ",127.0.0.1:" + (fixture.sentinelPortBase + 2)
                    + "/mymaster";
            try (SpinelClient client = SpinelClient.create(uri);
                 LockManager locks = LockManager.builder(client).durability(Durability.REPLICATED).build();
                 CacheManager caches = CacheManager.create(client)) {
                assertThat(client.mode()).isEqualTo(Mode.SENTINEL);
                List<Lock> held = acquireAll(locks, "sentinel");
                CacheRegion<String> region = caches.region(Region.of("stats", "node:stats:{id}", Duration.ofMinutes(5)),
                        Codec.strings());
                // ASYNC writes: the contract allows losing those the replicas had not received when the
                // primary died. A WAIT after them is the point up to which nothing may be lost.
                for (int i = 0; i < 100; i++) {
                    region.put(Integer.toString(i), "v" + i);
                }
                long acknowledgedBy = client.waitForReplicas("any", 2, Duration.ofSeconds(5));
                for (int i = 100; i < 200; i++) {
                    region.put(Integer.toString(i), "v" + i);
                }

                fixture.kill9("redis-" + fixture.portBase);
                awaitSentinelFailover(fixture);

                long lost = countLost(locks, held);
                assertThat(lost).as("REPLICATED locks lost in the failover").isZero();
                long cacheLostBeforeWait = java.util.stream.IntStream.range(0, 100)
                        .filter(i -> retrying(() -> region.get(Integer.toString(i))).isEmpty()).count();
                long cacheLostAfterWait = java.util.stream.IntStream.range(100, 200)
                        .filter(i -> retrying(() -> region.get(Integer.toString(i))).isEmpty()).count();
                System.out.printf("sentinel failover: REPLICATED locks lost %d of %d; ASYNC cache entries lost %d of 100"
                        + " written before WAIT (acked by %d replicas), %d of 100 written after it%n",
                        lost, LOCKS, cacheLostBeforeWait, acknowledgedBy, cacheLostAfterWait);
                assertThat(acknowledgedBy).isEqualTo(2);
                assertThat(cacheLostBeforeWait).as("ASYNC writes confirmed by WAIT survive").isZero();
                assertThat(cacheLostAfterWait).as("ASYNC writes after WAIT may be lost, never more than were made")
                        .isBetween(0L, 100L);
                assertThat(retrying(() -> region.getOrLoad("b", () -> "2"))).isEqualTo("2");
                assertThat(region.get("0")).contains("v0");
                Lock after = retrying(() -> locks.acquire("sentinel-after", Duration.ofSeconds(30), Duration.ofSeconds(5)));
                assertThat(after.fencingToken()).isPositive();
                after.release();
            }
        }
    }

    @Test
    void aSentinelThatDoesNotKnowTheMasterNameIsATypedError() {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            String uri = "redis-sentinel://" + fixture.password() + "@127.0.0.1:" + fixture.sentinelPortBase
                    + "/no-such-master";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpinelClient.create(uri))
                    .isInstanceOf(dev.spinel.client.connect.ConnectException.class)
                    .hasMessageContaining("no-such-master")
                    .hasMessageNotContaining(fixture.password());
        }
    }

    @Test
    void clusterFailoverKeepsReplicatedLocksAndTheClientFollows() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            String uri = "redis://" + fixture.password() + "@127.0.0.1:" + fixture.portBase + ",127.0.0.1:"
                    + (fixture.portBase + 1) + ",127.0.0.1:" + (fixture.portBase + 2);
            try (SpinelClient client = SpinelClient.create(uri);
                 LockManager locks = LockManager.builder(client).durability(Durability.REPLICATED).build();
                 CacheManager caches = CacheManager.create(client)) {
                assertThat(client.mode()).isEqualTo(Mode.CLUSTER);
                List<Lock> held = acquireAll(locks, "cluster");
                CacheRegion<String> region = caches.region(Region.of("stats", "node:stats:{id}", Duration.ofMinutes(5)),
                        Codec.strings());
                for (int i = 0; i < 50; i++) {
                    region.put(Integer.toString(i), "v" + i);
                }
                assertThat(region.invalidate("1*")).isEqualTo(11);

                fixture.kill9("redis-" + fixture.portBase);
                awaitClusterFailover(fixture);
                long lost = countLost(locks, held);
                assertThat(lost).as("REPLICATED locks lost in the failover").isZero();
                assertThat(retrying(() -> region.getOrLoad("x", () -> "fresh"))).isEqualTo("fresh");
            }
        }
    }

    @Test
    void aNearCacheOnAClusterStaysCorrectAcrossShardsAndThroughAFailover() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            String uri = "redis://" + fixture.password() + "@127.0.0.1:" + fixture.portBase + ",127.0.0.1:"
                    + (fixture.portBase + 1);
            Region region = Region.of("health", "node:health:{id}", Duration.ofMinutes(5));
            try (SpinelClient readerClient = SpinelClient.create(uri);
                 CacheManager readerCaches = CacheManager.builder(readerClient).nearCache(1000).build();
                 SpinelClient writerClient = SpinelClient.create(uri);
                 CacheManager writerCaches = CacheManager.create(writerClient)) {
                CacheRegion<String> near = readerCaches.region(region, Codec.strings());
                CacheRegion<String> remote = writerCaches.region(region, Codec.strings());
                List<String> ids = java.util.stream.IntStream.range(0, 30).mapToObj(Integer::toString).toList();
                ids.forEach(id -> remote.put(id, "v1"));
                ids.forEach(id -> assertThat(near.get(id)).contains("v1"));
                // Keys on every shard: each write elsewhere reaches the reader's near cache.
                ids.forEach(id -> remote.put(id, "v2"));
                Awaitility.await("invalidations from every shard").atMost(Duration.ofSeconds(10))
                        .until(() -> ids.stream().allMatch(id -> near.get(id).orElse("").equals("v2")));

                fixture.kill9("redis-" + fixture.portBase);
                awaitClusterFailover(fixture);
                ids.forEach(id -> retrying(() -> {
                    remote.put(id, "v3");
                    return true;
                }));
                Awaitility.await("reads after the failover").atMost(Duration.ofSeconds(30))
                        .ignoreExceptions().until(() -> ids.stream().allMatch(id -> near.get(id).orElse("").equals("v3")));
                Awaitility.await("the near cache serving again").atMost(Duration.ofSeconds(30))
                        .ignoreExceptions().until(() -> {
                            ids.forEach(near::get);
                            return readerCaches.nearCacheSize() > 0;
                        });
                ids.forEach(id -> assertThat(near.get(id)).contains("v3"));
            }
        }
    }

    private static List<Lock> acquireAll(LockManager locks, String prefix) {
        List<Lock> held = new ArrayList<>();
        for (int i = 0; i < LOCKS; i++) {
            held.add(locks.acquire(prefix + ":" + i, Duration.ofMinutes(2), Duration.ZERO));
        }
        return held;
    }

    /** Locks whose holder is no longer recorded after the failover: the loss the durability contract speaks of. */
    private static long countLost(LockManager locks, List<Lock> held) {
        long lost = 0;
        for (Lock lock : held) {
            Optional<LockInfo> info = retrying(() -> locks.info(lock.name()));
            if (info.isEmpty() || !info.get().holderToken().equals(lock.token())) {
                lost++;
            }
        }
        return lost;
    }

    /** A replica has taken over the killed primary's slots: state ok with three live primaries. */
    private static void awaitClusterFailover(TopologyFixture fixture) {
        try (Jedis survivor = fixture.jedis(fixture.portBase + 1)) {
            Awaitility.await("the cluster to fail over").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> survivor.clusterInfo().contains("cluster_state:ok")
                            && survivor.clusterNodes().lines().filter(l -> l.contains("master") && !l.contains("fail"))
                            .count() == 3);
        }
    }

    private static void awaitSentinelFailover(TopologyFixture fixture) {
        String old = "127.0.0.1:" + fixture.portBase;
        Awaitility.await("Sentinel to fail over").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try (Jedis sentinel = fixture.jedis(fixture.sentinelPortBase)) {
                        var address = sentinel.sentinelGetMasterAddrByName("mymaster");
                        return !(address.get(0) + ":" + address.get(1)).equals(old);
                    }
                });
    }

    /** The client reconnects by itself after a failover; an operation during the switch may fail once or twice. */
    private static <T> T retrying(Supplier<T> operation) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(operation::get, value -> true);
    }
}

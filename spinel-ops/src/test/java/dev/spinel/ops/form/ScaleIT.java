package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.spinel.ops.SpinelException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import dev.spinel.testkit.RedisLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.MigrateParams;

/**
 * Scaling and rebalancing a real cluster: 3 -> 4 -> 3 shards while Lettuce clients with default
 * cluster settings write, and a slot left half moved (as a killed rebalance leaves it) finished
 * by the next run.
 */
@ExtendWith(RedisLeakCheck.class)
class ScaleIT {
    private final Instant testStart = Instant.now();

    @TempDir
    Path temp;

    @Test
    void scalesOutAndInUnderWritesWithoutAFailedCommandOrALostKey() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 8, Optional.empty())) {
            fixture.up(fixture.draft("cluster", 3, 1, null));
            RedisURI seed = RedisURI.builder().withHost("127.0.0.1").withPort(fixture.portBase)
                    .withPassword(fixture.password().toCharArray()).build();
            RedisClusterClient client = RedisClusterClient.create(seed);
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                RedisAdvancedClusterCommands<String, String> redis = connection.sync();
                for (int i = 0; i < 5000; i++) {
                    redis.set("pre:" + i, "v" + i);
                }
                redis.setex("pre:ttl", 3600, "expiring");
                byte[] binaryKey = {(byte) 0xff, (byte) 0xfe, 'k', 0};
                try (StatefulRedisClusterConnection<byte[], byte[]> bytes = client.connect(ByteArrayCodec.INSTANCE)) {
                    bytes.sync().set(binaryKey, "binary".getBytes(StandardCharsets.UTF_8));
                }

                Writers writers = new Writers(client, 2);
                Scale.Result grown = Scale.run(request(fixture, 4, writers::note), writers::noteEnd);
                assertThat(grown.added()).containsExactly("redis-" + (fixture.portBase + 6),
                        "redis-" + (fixture.portBase + 7));
                assertThat(grown.rebalance().orElseThrow().plan().slotsMoved()).isEqualTo(4096);
                assertThat(grown.rebalance().orElseThrow().keysMoved()).isGreaterThan(1000);
                try (Jedis added = fixture.jedis(fixture.portBase + 6)) {
                    assertThat(added.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:8");
                    assertThat(added.dbSize()).isGreaterThan(1000);
                }
                for (int port = fixture.portBase; port < fixture.portBase + 3; port++) {
                    try (Jedis primary = fixture.jedis(port)) {
                        assertThat(slotsOf(primary)).as("slots of " + port).isEqualTo(4096);
                    }
                }
                long retiredPid = fixture.pid("redis-" + (fixture.portBase + 6));

                Scale.Result shrunk = Scale.run(request(fixture, 3, writers::note), writers::noteEnd);
                assertThat(shrunk.warnings()).isEmpty();
                assertThat(shrunk.retired()).containsExactlyInAnyOrder("redis-" + (fixture.portBase + 6),
                        "redis-" + (fixture.portBase + 7));
                writers.stop();

                // Stopped: a child of this JVM is reaped at once, so its exit completes.
                Optional<ProcessHandle> retiredProcess = ProcessHandle.of(retiredPid);
                if (retiredProcess.isPresent()) {
                    retiredProcess.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                }
                assertThat(fixture.dir.resolve("nodes").resolve("redis-" + (fixture.portBase + 6))).doesNotExist();
                assertThat(Files.readString(fixture.dir.resolve("spinel.yaml"))).contains("shards: 3");
                // Run again, the same count finds nothing left to do.
                Scale.Result again = Scale.run(request(fixture, 3), progress -> { });
                assertThat(again.rebalance().orElseThrow().plan().moves()).isEmpty();
                assertThat(again.rebalance().orElseThrow().finished()).isEmpty();
                try (Jedis node = fixture.jedis(fixture.portBase)) {
                    assertThat(node.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:6",
                            "cluster_slots_assigned:16384");
                }
                assertThat(writers.failures).as("commands that failed during the moves, among: %s", writers.timeline)
                        .isEmpty();
                assertThat(writers.acknowledged.size()).isGreaterThan(100);
                for (String key : writers.acknowledged) {
                    assertThat(redis.get(key)).as(key).isEqualTo(key);
                }
                for (int i = 0; i < 5000; i++) {
                    assertThat(redis.get("pre:" + i)).isEqualTo("v" + i);
                }
                assertThat(redis.ttl("pre:ttl")).isBetween(3000L, 3600L);
                try (StatefulRedisClusterConnection<byte[], byte[]> bytes = client.connect(ByteArrayCodec.INSTANCE)) {
                    assertThat(bytes.sync().get(binaryKey)).isEqualTo("binary".getBytes(StandardCharsets.UTF_8));
                }
            } finally {
                client.shutdown();
            }
        }
        assertThat(RedisLeakCheck.runningRedisStartedSince(testStart)).isEmpty();
    }

    @Test
    void aSlotLeftHalfMovedIsFinishedAndANodeDownIsRefused() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", 3, 1, null));
            try (Jedis source = fixture.jedis(fixture.portBase); Jedis target = fixture.jedis(fixture.portBase + 1)) {
                String tag = tagOfFirstShard(source);
                int slot = (int) source.clusterKeySlot(tag);
                for (int i = 0; i < 50; i++) {
                    source.set(tag + ":" + i, "v" + i);
                }
                // What a rebalance killed mid-slot leaves: both sides marked, 20 keys moved, 30 not.
                target.clusterSetSlotImporting(slot, source.clusterMyId());
                source.clusterSetSlotMigrating(slot, target.clusterMyId());
                List<String> some = source.clusterGetKeysInSlot(slot, 20);
                source.migrate("127.0.0.1", fixture.portBase + 1, 0, 5000,
                        MigrateParams.migrateParams().auth(fixture.password()), some.toArray(String[]::new));
                assertThat(source.clusterCountKeysInSlot(slot)).isEqualTo(30);

                Rebalance.Result result = Rebalance.run(fixture.dir, Rebalance.Options.defaults(), p -> { }, line -> { });
                assertThat(result.finished()).extracting(ClusterView.Pending::slot).containsExactly(slot);
                assertThat(result.plan().moves()).as("3 even shards need no other move").isEmpty();
                assertThat(target.clusterCountKeysInSlot(slot)).isEqualTo(50);
                assertThat(source.clusterCountKeysInSlot(slot)).isZero();
                assertThat(target.clusterNodes()).doesNotContain("->-", "-<-");
                assertThat(source.clusterNodes()).doesNotContain("->-", "-<-");
                String owner = target.clusterNodes().lines().filter(line -> line.contains("myself")).findFirst()
                        .orElseThrow();
                assertThat(owner).contains(" " + slot);
            }

            fixture.kill9("redis-" + (fixture.portBase + 4));
            assertThatThrownBy(() -> Rebalance.run(fixture.dir, Rebalance.Options.defaults(), p -> { }, line -> { }))
                    .isInstanceOf(SpinelException.class)
                    .hasMessageContaining("redis-" + (fixture.portBase + 4))
                    .hasMessageContaining("spinel up");
        }
        assertThat(RedisLeakCheck.runningRedisStartedSince(testStart)).isEmpty();
    }

    @Test
    void replaceSwapsAPrimaryForAFreshNodeAfterHandingItsSlotsOver() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", 3, 1, null));
            String primary = "redis-" + fixture.portBase;
            String oldId;
            String tag;
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                oldId = node.clusterMyId();
                tag = tagOfFirstShard(node);
                for (int i = 0; i < 200; i++) {
                    node.set(tag + ":" + i, "v" + i);
                }
            }
            long oldPid = fixture.pid(primary);

            Replace.Result result = Replace.run(new Replace.Request(fixture.dir, primary, Duration.ofSeconds(60), "test",
                    line -> { }));

            assertThat(result.failedOverTo()).contains("redis-" + (fixture.portBase + 3));
            assertThat(result.oldId()).isEqualTo(oldId);
            assertThat(result.newId()).isNotEqualTo(oldId);
            assertThat(fixture.pid(primary)).isNotEqualTo(oldPid);
            try (Jedis fresh = fixture.jedis(fixture.portBase); Jedis successor = fixture.jedis(fixture.portBase + 3)) {
                assertThat(fresh.info("replication")).contains("role:slave", "master_link_status:up",
                        "master_port:" + (fixture.portBase + 3));
                assertThat(successor.get(tag + ":199")).isEqualTo("v199");
                assertThat(successor.dbSize()).isEqualTo(200);
                assertThat(fresh.dbSize()).isEqualTo(200);
                assertThat(successor.clusterNodes()).doesNotContain(oldId).contains(result.newId());
                assertThat(successor.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:6");
            }
            assertThat(fixture.dir.resolve("replaced")).doesNotExist();
        }
    }

    @Test
    void replicasAreAddedAndRemovedAndARemovedOneThatIsPrimaryHandsOverFirst() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 9, Optional.empty())) {
            fixture.up(fixture.draft("cluster", 3, 1, null));
            String tag;
            try (Jedis first = fixture.jedis(fixture.portBase)) {
                tag = tagOfFirstShard(first);
                for (int i = 0; i < 300; i++) {
                    first.set(tag + ":" + i, "v" + i);
                }
            }
            Scale.Result grown = Scale.run(replicas(fixture, 2), progress -> { });
            assertThat(grown.added()).containsExactly("redis-" + (fixture.portBase + 6), "redis-" + (fixture.portBase + 7),
                    "redis-" + (fixture.portBase + 8));
            assertThat(grown.rebalance()).isEmpty();
            try (Jedis first = fixture.jedis(fixture.portBase); Jedis added = fixture.jedis(fixture.portBase + 6)) {
                assertThat(first.info("replication")).contains("connected_slaves:2");
                assertThat(added.info("replication")).contains("role:slave", "master_link_status:up");
                // The new replica takes over its shard, so removing it must hand the slots back first.
                added.clusterFailover();
                await().atMost(Duration.ofSeconds(30)).until(() -> added.info("replication").contains("role:master"));
            }
            assertThat(Files.readString(fixture.dir.resolve("spinel.yaml"))).contains("replicas: 2");

            Scale.Result shrunk = Scale.run(replicas(fixture, 1), progress -> { });
            assertThat(shrunk.retired()).containsExactlyInAnyOrder("redis-" + (fixture.portBase + 6),
                    "redis-" + (fixture.portBase + 7), "redis-" + (fixture.portBase + 8));
            assertThat(fixture.dir.resolve("nodes").resolve("redis-" + (fixture.portBase + 6))).doesNotExist();
            assertThat(Files.readString(fixture.dir.resolve("spinel.yaml"))).contains("replicas: 1");
            long primaries = 0;
            for (int port = fixture.portBase; port < fixture.portBase + 6; port++) {
                try (Jedis node = fixture.jedis(port)) {
                    primaries += node.info("replication").contains("role:master") ? 1 : 0;
                    assertThat(node.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:6");
                }
            }
            assertThat(primaries).isEqualTo(3);
            try (Jedis first = fixture.jedis(fixture.portBase); Jedis replica = fixture.jedis(fixture.portBase + 3)) {
                Jedis primary = first.info("replication").contains("role:master") ? first : replica;
                assertThat(primary.get(tag + ":299")).isEqualTo("v299");
                assertThat(primary.dbSize()).isEqualTo(300);
            }
        }
    }

    @Test
    void aReplicaChangeOnAGrownClusterDrainsTheAddedShardAndAddsItAgain() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 12, Optional.empty())) {
            fixture.up(fixture.draft("cluster", 3, 1, null));
            RedisClusterClient client = RedisClusterClient.create(RedisURI.builder().withHost("127.0.0.1")
                    .withPort(fixture.portBase).withPassword(fixture.password().toCharArray()).build());
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                RedisAdvancedClusterCommands<String, String> redis = connection.sync();
                for (int i = 0; i < 3000; i++) {
                    redis.set("r:" + i, "v" + i);
                }
                Scale.run(request(fixture, 4), progress -> { });

                List<Scale.Request> steps = Scale.steps(replicas(fixture, 2));
                assertThat(steps).extracting(Scale.Request::shards, Scale.Request::replicas).containsExactly(
                        tuple(Optional.of(3), Optional.empty()),
                        tuple(Optional.empty(), Optional.of(2)),
                        tuple(Optional.of(4), Optional.empty()));
                for (Scale.Request step : steps) {
                    Scale.run(step, progress -> { });
                }
                String spec = Files.readString(fixture.dir.resolve("spinel.yaml"));
                assertThat(spec).contains("shards: 4", "replicas: 2", "formed-shards: 3");
                // The formed shards kept their ports: 3 primaries, then 2 rows of replicas; the 4th shard after them.
                for (int port = fixture.portBase; port < fixture.portBase + 12; port++) {
                    try (Jedis node = fixture.jedis(port)) {
                        assertThat(node.clusterInfo()).as("node " + port)
                                .contains("cluster_state:ok", "cluster_known_nodes:12");
                    }
                }
                try (Jedis added = fixture.jedis(fixture.portBase + 9)) {
                    assertThat(slotsOf(added)).as("the shard added again").isEqualTo(4096);
                    assertThat(added.info("replication")).contains("connected_slaves:2");
                }
                for (int i = 0; i < 3000; i++) {
                    assertThat(redis.get("r:" + i)).isEqualTo("v" + i);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void aPrimaryWithoutSlotsThatHoldsKeysIsNotGivenSlots() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            // A drained primary stays one (instead of turning replica), as a node added to a cluster does.
            fixture.up(fixture.draft("cluster", 3, 1, java.util.Map.of("cluster-allow-replica-migration", "no")));
            String third = "redis-" + (fixture.portBase + 2);
            Rebalance.run(fixture.dir, new Rebalance.Options(java.util.Map.of(third, 0.0), 2.0, 100, false),
                    progress -> { }, line -> { });
            try (Jedis empty = fixture.jedis(fixture.portBase + 2); Jedis first = fixture.jedis(fixture.portBase)) {
                assertThat(slotsOf(empty)).isZero();
                assertThat(empty.info("replication")).contains("role:master");
                // A key planted where no slot is served: by ASKING during an import that is then called off.
                String key = tagOfFirstShard(first) + ":planted";
                int slot = (int) first.clusterKeySlot(key);
                empty.clusterSetSlotImporting(slot, first.clusterMyId());
                empty.asking();
                empty.set(key, "x");
                empty.clusterSetSlotStable(slot);
                assertThat(empty.dbSize()).isEqualTo(1);

                assertThatThrownBy(() -> Rebalance.run(fixture.dir, Rebalance.Options.defaults(), p -> { }, l -> { }))
                        .isInstanceOf(SpinelException.class)
                        .hasMessageContaining(third + " at 127.0.0.1:" + (fixture.portBase + 2) + " holds 1 keys but"
                                + " serves no slot");
                assertThat(slotsOf(empty)).as("nothing moved").isZero();

                empty.flushAll();
                Rebalance.run(fixture.dir, Rebalance.Options.defaults(), p -> { }, l -> { });
                assertThat(slotsOf(empty)).isBetween(5460, 5462);
            }
        }
    }

    /** A hash tag whose slot the first of three shards serves. */
    private static String tagOfFirstShard(Jedis node) {
        return java.util.stream.IntStream.range(0, 100).mapToObj(i -> "{t" + i + "}")
                .filter(t -> node.clusterKeySlot(t) < 5461).findFirst().orElseThrow();
    }

    private static Scale.Request request(TopologyFixture fixture, int shards) {
        return request(fixture, shards, line -> { });
    }

    private static Scale.Request request(TopologyFixture fixture, int shards, java.util.function.Consumer<String> log) {
        return new Scale.Request(fixture.dir, Optional.of(shards), Optional.empty(), Rebalance.Options.defaults(),
                Duration.ofSeconds(60), "test", log);
    }

    private static Scale.Request replicas(TopologyFixture fixture, int replicas) {
        return new Scale.Request(fixture.dir, Optional.empty(), Optional.of(replicas), Rebalance.Options.defaults(),
                Duration.ofSeconds(60), "test", line -> { });
    }

    private static int slotsOf(Jedis node) {
        String self = node.clusterNodes().lines().filter(line -> line.contains("myself")).findFirst().orElseThrow();
        int count = 0;
        String[] fields = self.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String[] ends = fields[i].split("-");
            count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
        }
        return count;
    }

    /** Threads writing unique keys through Lettuce's cluster client, keeping what was acknowledged and what failed. */
    private static final class Writers {
        /** Failed writes after which the writers stop: a test that failed before stop() must not fill the heap. */
        private static final int MAX_FAILURES = 10_000;
        final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        /** What scaling logged and when writes failed, in ms since the writers started: to tell which step failed them. */
        final ConcurrentLinkedQueue<String> timeline = new ConcurrentLinkedQueue<>();
        private final long start = System.nanoTime();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();

        Writers(RedisClusterClient client, int count) {
            client.getResources().eventBus().get().subscribe(event -> {
                if (event instanceof io.lettuce.core.event.connection.ConnectionDeactivatedEvent closed) {
                    note("connection closed " + closed.localAddress() + " -> " + closed.remoteAddress());
                }
            });
            for (int w = 0; w < count; w++) {
                StatefulRedisClusterConnection<String, String> connection = client.connect();
                threads.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                    try (connection) {
                        while (running.get()) {
                            String key = "live:" + sequence.incrementAndGet();
                            try {
                                connection.sync().set(key, key);
                                acknowledged.add(key);
                            } catch (RuntimeException e) {
                                failures.add(key + ": " + e);
                                note("failed " + key + ": " + e);
                                if (failed.incrementAndGet() >= MAX_FAILURES) {
                                    running.set(false);
                                }
                            }
                        }
                    }
                }));
            }
        }

        void note(String line) {
            timeline.add((System.nanoTime() - start) / 1_000_000 + " ms " + line);
        }

        void noteEnd(Rebalance.Progress progress) {
            if (progress.slotsDone() == progress.slotsTotal()) {
                note(progress.slotsTotal() + " slots moved");
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }
}

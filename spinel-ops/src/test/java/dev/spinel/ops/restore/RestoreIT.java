package dev.spinel.ops.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.backup.BackupMetadata;
import dev.spinel.ops.backup.Backups;
import dev.spinel.ops.backup.Compression;
import dev.spinel.ops.form.Rebalance;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.RedisBinary;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Restores on real topologies: round trips of every data type, a refused corrupt backup, rollbacks. */
@ExtendWith(RedisLeakCheck.class)
class RestoreIT {
    @TempDir
    Path temp;

    private static BackupMetadata backup(TopologyFixture fixture, Compression compression) {
        return Backups.take(new Backups.Request(fixture.dir, Optional.empty(), Backups.Type.RDB, compression, Backups.From.AUTO, true, 0,
                Optional.empty(), "test", bytes -> { }), Clock.systemUTC()).metadata();
    }

    private static Restores.Result restore(TopologyFixture fixture, Optional<String> id, Duration timeout) {
        return Restores.restore(new Restores.Request(fixture.dir, Optional.empty(), id, Optional.empty(), timeout, "test", step -> { }),
                Clock.systemUTC());
    }

    /** Writes made after the backup, which a restore must undo. */
    private static void changeAfterBackup(Jedis primary) {
        primary.flushAll();
        primary.set("written-after-the-backup", "1");
    }

    @Test
    void aSentinelTopologyGetsEveryTypeAndTtlBackAndItsReplicasResync() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            Map<String, String> before;
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                DataSet.fill(primary, 500);
                assertThat(primary.waitReplicas(2, 5000)).isEqualTo(2);
                before = DataSet.picture(primary);
            }
            BackupMetadata backup = backup(fixture, Compression.GZIP);
            assertThat(backup.source().role()).isEqualTo("replica");
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                changeAfterBackup(primary);
            }

            Restores.Result result = restore(fixture, Optional.empty(), Duration.ofSeconds(60));

            assertThat(result.backup().id()).isEqualTo(backup.id());
            assertThat(result.keys()).isEqualTo(Map.of("db0", 506L, "db2", 1L));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                assertThat(DataSet.picture(primary)).isEqualTo(before);
                assertThat(primary.pttl("expiring")).isBetween(1L, 3_600_000L);
                assertThat(primary.pttl("hash")).isBetween(3_600_000L, 7_200_000L);
                primary.set("written-after-the-restore", "1");
                assertThat(primary.waitReplicas(2, 5000)).as("both replicas follow the restored primary").isEqualTo(2);
            }
            for (int replica : List.of(fixture.portBase + 1, fixture.portBase + 2)) {
                try (Jedis node = fixture.jedis(replica)) {
                    assertThat(node.get("written-after-the-restore")).isEqualTo("1");
                    assertThat(node.dbSize()).isEqualTo(507L);
                }
            }
            try (Jedis sentinel = fixture.jedis(fixture.sentinelPortBase)) {
                assertThat(sentinel.sentinelGetMasterAddrByName("mymaster"))
                        .containsExactly("127.0.0.1", Integer.toString(fixture.portBase));
            }
            assertThat(result.safetyCopy().resolve("redis-" + fixture.portBase)).isDirectory();
            assertThat(RestoreJournal.file(projectOf(fixture))).doesNotExist();
        }
    }

    @Test
    void aCorruptBackupIsRefusedWithoutTouchingTheRunningDataAndTheSoundOneRestores() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            Map<String, String> before;
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                DataSet.fill(primary, 100);
                before = DataSet.picture(primary);
            }
            BackupMetadata backup = backup(fixture, Compression.NONE);
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                changeAfterBackup(primary);
            }
            long pid = fixture.pid("redis-" + fixture.portBase);
            Path file = Backups.store(fixture.dir, Optional.empty()).folder(backup.id())
                    .resolve(backup.files().getFirst().name());
            byte[] sound = Files.readAllBytes(file);
            byte[] damaged = sound.clone();
            damaged[damaged.length / 2] ^= 0x10;
            Files.write(file, damaged);

            assertThatThrownBy(() -> restore(fixture, Optional.of(backup.id()), Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(SpinelException.class, e -> assertThat(e.kind()).isEqualTo(SpinelException.Kind.FAILED))
                    .hasMessageContaining("cannot be restored, nothing was touched")
                    .hasMessageContaining("does not match its SHA-256");
            assertThat(fixture.pid("redis-" + fixture.portBase)).as("the node was not even stopped").isEqualTo(pid);
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                assertThat(primary.get("written-after-the-backup")).isEqualTo("1");
            }
            assertThat(fixture.dir.resolve("restore")).doesNotExist();

            Files.write(file, sound);
            Path metadata = file.resolveSibling(BackupMetadata.FILE);
            String recorded = Files.readString(metadata);
            Files.writeString(metadata, recorded.replace("\"redis_version\" : \"" + backup.redisVersion() + "\"",
                    "\"redis_version\" : \"99.0.0\""));
            assertThatThrownBy(() -> restore(fixture, Optional.of(backup.id()), Duration.ofSeconds(60)))
                    .hasMessageContaining("taken from Redis 99.0.0, newer than")
                    .hasMessageContaining("nothing was touched");
            Files.delete(metadata);
            assertThatThrownBy(() -> restore(fixture, Optional.of(backup.id()), Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(SpinelException.class,
                            e -> assertThat(e.kind()).isEqualTo(SpinelException.Kind.BAD_INPUT))
                    .hasMessageContaining("has no readable backup.json: it is not a complete backup");
            assertThat(fixture.pid("redis-" + fixture.portBase)).as("still not stopped").isEqualTo(pid);
            Files.writeString(metadata, recorded);
            restore(fixture, Optional.of(backup.id()), Duration.ofSeconds(60));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                assertThat(DataSet.picture(primary)).isEqualTo(before);
            }
        }
    }

    @Test
    void aRestoreThatDoesNotBecomeReadyRollsBackAndTheOldDataRunsAgain() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("replication", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                fillBulk(primary);
            }
            backup(fixture, Compression.GZIP);
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                changeAfterBackup(primary);
            }

            // Loading 300,000 keys and resyncing them to two replicas takes far longer than a millisecond:
            // the restore must give up and undo itself.
            assertThatThrownBy(() -> restore(fixture, Optional.empty(), Duration.ofMillis(1)))
                    .isInstanceOf(SpinelException.class)
                    .hasMessageContaining("Rolled back: the node folders are as they were before it")
                    .hasMessageContaining("it runs again with that data");

            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                assertThat(primary.get("written-after-the-backup")).isEqualTo("1");
                assertThat(primary.dbSize()).isEqualTo(1L);
            }
            assertThat(RestoreJournal.file(projectOf(fixture))).doesNotExist();
            assertThat(fixture.dir.resolve("restore")).isEmptyDirectory();
        }
    }

    @Test
    void aRestoreKilledWhileStartingIsRolledBackByTheNextUp() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("replication", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                fillBulk(primary);
            }
            backup(fixture, Compression.NONE);
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                changeAfterBackup(primary);
            }

            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process worker = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    RestoreWorker.class.getName(), fixture.dir.toString()).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("worker.log").toFile()).start();
            Path journal = RestoreJournal.file(projectOf(fixture));
            try {
                Awaitility.await("the restore to start the nodes").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(2)).until(() -> {
                            assertThat(worker.isAlive()).as("the restore still running; it logged: %s",
                                    Files.readString(temp.resolve("worker.log"))).isTrue();
                            return Files.exists(journal) && Files.readString(journal).contains("starting the topology")
                                    && List.of(0, 1, 2).stream().allMatch(i -> Files.exists(fixture.dir
                                    .resolve("nodes/redis-" + (fixture.portBase + i) + "/process")));
                        });
            } finally {
                worker.destroyForcibly();
                worker.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(journal).exists();

            assertThat(RestoreRecovery.recoverIfInterrupted(fixture.dir)).get().asString()
                    .contains("rolled back").contains("as they were before it");
            fixture.upAgain();

            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                assertThat(primary.get("written-after-the-backup")).isEqualTo("1");
                assertThat(primary.dbSize()).isEqualTo(1L);
            }
            assertThat(journal).doesNotExist();
            assertThat(RestoreRecovery.recoverIfInterrupted(fixture.dir)).isEmpty();
        }
    }

    @Test
    void anAofBackupRestoresAndStaysIntactWhileTheRestoredNodeAppends() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            Map<String, String> before;
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                DataSet.fill(primary, 200);
                before = DataSet.picture(primary);
            }
            BackupMetadata aof = Backups.take(new Backups.Request(fixture.dir, Optional.empty(), Backups.Type.AOF,
                    Compression.NONE, Backups.From.AUTO, true, 0, Optional.empty(), "test", bytes -> { }),
                    Clock.systemUTC()).metadata();
            assertThat(aof.type()).isEqualTo("aof");
            assertThat(aof.keys()).isEqualTo(Map.of("db0", 206L, "db2", 1L));
            assertThat(aof.files()).extracting(BackupMetadata.FileEntry::name)
                    .allMatch(name -> name.startsWith("redis-" + fixture.portBase + ".aof/"))
                    .anyMatch(name -> name.endsWith(".manifest"))
                    .anyMatch(name -> name.endsWith(".base.rdb"))
                    .anyMatch(name -> name.endsWith(".incr.aof"));
            BackupMetadata both = Backups.take(new Backups.Request(fixture.dir, Optional.empty(), Backups.Type.BOTH,
                    Compression.ZSTD, Backups.From.AUTO, true, 0, Optional.empty(), "test", bytes -> { }),
                    Clock.systemUTC()).metadata();
            assertThat(both.loadableParts()).containsExactly("redis-" + fixture.portBase + ".rdb.zst");
            assertThat(both.files()).hasSizeGreaterThan(3);
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                changeAfterBackup(primary);
            }

            restore(fixture, Optional.of(aof.id()), Duration.ofSeconds(60));

            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                assertThat(DataSet.picture(primary)).isEqualTo(before);
                for (int i = 0; i < 100; i++) {
                    primary.set("appended-after-the-restore:" + i, "x");
                }
            }
            RedisBinary binary = BinaryResolver.fromEnvironment(Optional.empty()).resolve();
            var store = Backups.store(fixture.dir, Optional.empty());
            assertThat(dev.spinel.ops.backup.BackupVerifier.verify(store, aof.id(), binary).problems())
                    .as("the restored node's appends went to its own copy, not the backup").isEmpty();
            assertThat(dev.spinel.ops.backup.BackupVerifier.verify(store, both.id(), binary).problems()).isEmpty();
        }
    }

    @Test
    void aClusterGetsEveryShardBackWithTheSlotsARebalanceHadGivenIt() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().password(fixture.password()).build();
            try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", fixture.portBase)), config)) {
                for (int i = 0; i < 3000; i++) {
                    cluster.set("key:" + i, "v" + i);
                }
                cluster.setex("expiring", 3600, "x");
            }
            // Slots moved before the backup: the first primary serves half of them, no longer its planned third.
            Rebalance.run(fixture.dir, new Rebalance.Options(Map.of("redis-" + fixture.portBase, 2.0), 2.0, 100, false),
                    progress -> { }, line -> { });
            String movedSlots = slotsOf(fixture, fixture.portBase);
            BackupMetadata backup = Backups.take(new Backups.Request(fixture.dir, Optional.empty(), Backups.Type.RDB, Compression.GZIP,
                    Backups.From.PRIMARY, true, 0, Optional.empty(), "test", bytes -> { }), Clock.systemUTC()).metadata();
            assertThat(backup.keys()).isEqualTo(Map.of("db0", 3001L));
            for (int i = 0; i < 3; i++) {
                try (Jedis primary = fixture.jedis(fixture.portBase + i)) {
                    primary.flushAll();
                }
            }
            try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", fixture.portBase)), config)) {
                cluster.set("written-after-the-backup", "1");
            }

            Restores.Result result = restore(fixture, Optional.of(backup.id()), Duration.ofSeconds(60));

            assertThat(result.primaries()).hasSize(3);
            assertThat(result.keys()).isEqualTo(Map.of("db0", 3001L));
            try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", fixture.portBase)), config)) {
                for (int i = 0; i < 3000; i++) {
                    assertThat(cluster.get("key:" + i)).isEqualTo("v" + i);
                }
                assertThat(cluster.ttl("expiring")).isBetween(1L, 3600L);
                assertThat(cluster.get("written-after-the-backup")).isNull();
                cluster.set("written-after-the-restore", "1");
            }
            try (Jedis node = fixture.jedis(fixture.portBase + 3)) {
                assertThat(node.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:6");
            }
            assertThat(slotsOf(fixture, fixture.portBase)).isEqualTo(movedSlots);
        }
    }

    /** The slots a node serves, as its own CLUSTER NODES line lists them. */
    private static String slotsOf(TopologyFixture fixture, int port) {
        try (Jedis node = fixture.jedis(port)) {
            String self = node.clusterNodes().lines().filter(line -> line.contains("myself")).findFirst().orElseThrow();
            String[] fields = self.split(" ", 9);
            assertThat(fields).hasSize(9);
            return fields[8];
        }
    }

    @Test
    void aOneShardRestoreBringsBackThatShardAndLeavesTheOthersAsTheyAre() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().password(fixture.password()).build();
            try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", fixture.portBase)), config)) {
                for (int i = 0; i < 3000; i++) {
                    cluster.set("key:" + i, "backed-up");
                }
                BackupMetadata backup = Backups.take(new Backups.Request(fixture.dir, Optional.empty(), Backups.Type.RDB,
                        Compression.NONE, Backups.From.AUTO, true, 0, Optional.empty(), "test", bytes -> { }),
                        Clock.systemUTC()).metadata();
                for (int i = 0; i < 3000; i++) {
                    cluster.set("key:" + i, "changed");
                }
            }
            // The first shard's replica names it: its primary (slots 0-5460) is the one restored.
            String replicaOfFirst = "redis-" + (fixture.portBase + 3);
            Restores.Result result = Restores.restore(new Restores.Request(fixture.dir, Optional.empty(),
                    Optional.empty(), Optional.of(replicaOfFirst), Duration.ofSeconds(60), "test", step -> { }),
                    Clock.systemUTC());

            assertThat(result.primaries()).extracting(p -> p.name()).containsExactly("redis-" + fixture.portBase);
            assertThat(result.kept()).hasSize(2);
            long restored = 0;
            try (JedisCluster cluster = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", fixture.portBase)), config)) {
                for (int i = 0; i < 3000; i++) {
                    String key = "key:" + i;
                    boolean inFirstShard = JedisClusterCRC16.getSlot(key) <= 5460;
                    assertThat(cluster.get(key)).as(key).isEqualTo(inFirstShard ? "backed-up" : "changed");
                    restored += inFirstShard ? 1 : 0;
                }
            }
            assertThat(result.keys()).isEqualTo(Map.of("db0", restored));
            try (Jedis node = fixture.jedis(fixture.portBase + 4)) {
                assertThat(node.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:6");
            }
        }
    }

    /** Enough data that loading and resyncing it keeps a restore busy for a while (about 25 MB). */
    private static void fillBulk(Jedis primary) {
        Pipeline pipeline = primary.pipelined();
        for (int i = 0; i < 300_000; i++) {
            pipeline.set("bulk:" + i, "value-" + i);
        }
        pipeline.sync();
    }

    private static dev.spinel.ops.project.ProjectDir projectOf(TopologyFixture fixture) {
        return dev.spinel.ops.project.ProjectDir.open(fixture.dir);
    }
}

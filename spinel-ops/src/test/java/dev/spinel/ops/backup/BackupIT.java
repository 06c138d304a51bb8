package dev.spinel.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.RedisBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/** Backups of real topologies: where they come from, what they record, and what verify catches. */
class BackupIT {
    @TempDir
    Path temp;

    private static Backups.Request request(TopologyFixture fixture, Compression compression, Backups.From from,
                                           int keep) {
        return new Backups.Request(fixture.dir, Optional.empty(), Backups.Type.RDB, compression, from, true, keep, Optional.empty(), "test",
                bytes -> { });
    }

    private static void fill(Jedis primary, int keys) {
        for (int i = 0; i < keys; i++) {
            primary.set("key:" + i, "v" + i);
        }
        primary.setex("expiring", 3600, "x");
        primary.hset("hash", Map.of("a", "1"));
        primary.select(2);
        primary.set("other-db", "y");
        primary.select(0);
    }

    @Test
    void aSentinelBackupComesFromAReplicaAndVerifiesUntilABitFlips() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("sentinel", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                fill(primary, 1000);
                assertThat(primary.waitReplicas(2, 5000)).isEqualTo(2);
            }

            Backups.Result result = Backups.take(request(fixture, Compression.GZIP, Backups.From.AUTO, 0),
                    Clock.systemUTC());

            BackupMetadata backup = result.metadata();
            assertThat(backup.source().role()).isEqualTo("replica");
            assertThat(backup.keys()).isEqualTo(Map.of("db0", 1002L, "db2", 1L));
            assertThat(backup.keysVerified()).isTrue();
            assertThat(backup.mode()).isEqualTo("sentinel");
            assertThat(backup.nodes()).hasSize(3);
            assertThat(backup.replication().id()).hasSize(40);
            assertThat(backup.files()).singleElement().satisfies(f -> {
                assertThat(f.name()).endsWith(".rdb.gz");
                assertThat(f.bytes()).isLessThan(f.rdbBytes());
            });
            BackupStore store = Backups.store(fixture.dir, Optional.empty());
            assertThat(store.list()).extracting(BackupMetadata::id).containsExactly(backup.id());
            RedisBinary binary = BinaryResolver.fromEnvironment(Optional.empty()).resolve();
            assertThat(BackupVerifier.verify(store, backup.id(), binary).ok()).isTrue();

            Path file = result.folder().resolve(backup.files().get(0).name());
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
            BackupVerifier.Report corrupt = BackupVerifier.verify(store, backup.id(), binary);
            assertThat(corrupt.ok()).isFalse();
            assertThat(corrupt.problems()).singleElement().asString().contains("does not match its SHA-256");

            Files.delete(result.folder().resolve(BackupMetadata.FILE));
            assertThat(store.list()).as("no backup.json, no backup").isEmpty();
            assertThatThrownBy(() -> BackupVerifier.verify(store, backup.id(), binary))
                    .isInstanceOf(SpinelException.class).hasMessageContaining("is not a complete backup");
        }
    }

    @Test
    void aNodeKilledMidBackupLeavesNoPartialBackupAndKeepsTheOlderOne() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                fill(primary, 10);
            }
            BackupMetadata older = Backups.take(request(fixture, Compression.NONE, Backups.From.AUTO, 0),
                    Clock.systemUTC()).metadata();
            try (Jedis primary = fixture.jedis(fixture.portBase); var pipeline = primary.pipelined()) {
                for (int i = 0; i < 200_000; i++) {
                    pipeline.set("big:" + i, Integer.toHexString(i).repeat(12));
                }
            }
            long pid = fixture.pid("redis-" + fixture.portBase);
            // Killed from the progress callback once the stream is under way: deterministic, no timing guess.
            Backups.Request killing = new Backups.Request(fixture.dir, Optional.empty(), Backups.Type.RDB, Compression.GZIP,
                    Backups.From.AUTO, true, 0, Optional.empty(), "test", bytes -> {
                        if (bytes > 1_000_000) {
                            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    });

            assertThatThrownBy(() -> Backups.take(killing, Clock.systemUTC()))
                    .isInstanceOf(SpinelException.class).hasMessageContaining("cannot stream the RDB");

            BackupStore store = Backups.store(fixture.dir, Optional.empty());
            assertThat(store.list()).extracting(BackupMetadata::id).containsExactly(older.id());
            try (var folders = Files.list(store.root())) {
                assertThat(folders).as("the partial backup's folder is gone").hasSize(1);
            }
        }
    }

    @Test
    void retentionKeepsTheNewestAndAFailedBackupLeavesNothing() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                fill(primary, 10);
            }
            BackupMetadata first = Backups.take(request(fixture, Compression.NONE, Backups.From.AUTO, 0),
                    Clock.systemUTC()).metadata();
            assertThat(first.source().role()).isEqualTo("primary");
            assertThat(first.files().get(0).bytes()).isEqualTo(first.files().get(0).rdbBytes());

            Backups.Result second = Backups.take(request(fixture, Compression.NONE, Backups.From.AUTO, 1),
                    Clock.systemUTC());
            assertThat(second.deleted()).containsExactly(first.id());
            BackupStore store = Backups.store(fixture.dir, Optional.empty());
            assertThat(store.list()).extracting(BackupMetadata::id).containsExactly(second.metadata().id());

            assertThatThrownBy(() -> Backups.take(request(fixture, Compression.NONE, Backups.From.REPLICA, 0),
                    Clock.systemUTC())).isInstanceOf(SpinelException.class).hasMessageContaining("no replica of redis-" + fixture.portBase + " is up");
            try (var folders = Files.list(store.root())) {
                assertThat(folders).as("nothing half-made").hasSize(1);
            }
        }
    }

    @Test
    void aClusterBackupStreamsEveryShardFromAReplicaAndRecordsTheSlotMap() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            try (JedisCluster cluster = new JedisCluster(java.util.Set.of(new HostAndPort("127.0.0.1", fixture.portBase)),
                    DefaultJedisClientConfig.builder().password(fixture.password()).build())) {
                for (int i = 0; i < 3000; i++) {
                    cluster.set("key:" + i, "v" + i);
                }
                cluster.setex("expiring", 3600, "x");
            }
            // The replicas must have every write before a backup from them can hold all 3001 keys.
            Awaitility.await("replicas in sync").atMost(Duration.ofSeconds(20)).until(() -> {
                long onReplicas = 0;
                for (int i = 0; i < 6; i++) {
                    try (Jedis node = fixture.jedis(fixture.portBase + i)) {
                        onReplicas += node.info("replication").contains("role:slave") ? node.dbSize() : 0;
                    }
                }
                return onReplicas == 3001;
            });

            BackupMetadata backup = Backups.take(request(fixture, Compression.GZIP, Backups.From.AUTO, 0),
                    Clock.systemUTC()).metadata();

            assertThat(backup.mode()).isEqualTo("cluster");
            assertThat(backup.isCluster()).isTrue();
            assertThat(backup.source()).isNull();
            assertThat(backup.keys()).isEqualTo(Map.of("db0", 3001L));
            assertThat(backup.expires()).isEqualTo(Map.of("db0", 1L));
            assertThat(backup.files()).hasSize(3);
            assertThat(backup.shards()).hasSize(3).allSatisfy(shard -> {
                assertThat(shard.source().role()).isEqualTo("replica");
                assertThat(shard.nodeId()).hasSize(40);
                assertThat(shard.replication().id()).hasSize(40);
                assertThat(shard.keys().get("db0")).isPositive();
            });
            int slots = backup.shards().stream().flatMap(shard -> shard.slots().stream())
                    .mapToInt(range -> {
                        String[] ends = range.split("-");
                        return ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
                    }).sum();
            assertThat(slots).isEqualTo(16384);
            assertThat(backup.shards().stream().mapToLong(shard -> shard.keys().get("db0")).sum()).isEqualTo(3001L);

            BackupStore store = Backups.store(fixture.dir, Optional.empty());
            RedisBinary binary = BinaryResolver.fromEnvironment(Optional.empty()).resolve();
            assertThat(BackupVerifier.verify(store, backup.id(), binary).problems()).isEmpty();
            Path second = store.folder(backup.id()).resolve(backup.files().get(1).name());
            byte[] bytes = Files.readAllBytes(second);
            bytes[bytes.length / 3] ^= 0x04;
            Files.write(second, bytes);
            assertThat(BackupVerifier.verify(store, backup.id(), binary).problems()).singleElement().asString()
                    .startsWith(backup.files().get(1).name()).contains("does not match its SHA-256");
        }
    }
}

package dev.spinel.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spinel.ops.SpinelException;
import dev.spinel.testkit.FreePorts;
import dev.spinel.testkit.RedisServerExtension;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/** The replication-protocol snapshot of a real node is a valid RDB that loads back every type and TTL. */
class RdbFetcherIT {
    @RegisterExtension
    static final RedisServerExtension NODE = new RedisServerExtension("--repl-diskless-sync-delay", "0");

    @TempDir
    Path temp;

    private static Jedis node() {
        return new Jedis(new HostAndPort("127.0.0.1", NODE.port()),
                DefaultJedisClientConfig.builder().password(NODE.password()).build());
    }

    @BeforeAll
    static void everyType() {
        try (Jedis jedis = node()) {
            jedis.flushAll();
            jedis.set("string", "value");
            jedis.setex("expiring", 3600, "soon gone");
            jedis.rpush("list", "a", "b", "c");
            jedis.sadd("set", "x", "y");
            jedis.zadd("zset", Map.of("one", 1.0, "two", 2.0));
            jedis.hset("hash", Map.of("f1", "v1", "f2", "v2"));
            jedis.xadd("stream", StreamEntryID.NEW_ENTRY, Map.of("field", "value"));
            for (int i = 0; i < 5000; i++) {
                jedis.set("bulk:" + i, "x".repeat(100));
            }
            jedis.select(1);
            jedis.set("in-db1", "yes");
        }
    }

    private RdbFetcher.Snapshot fetchTo(Path file) throws Exception {
        AtomicLong lastProgress = new AtomicLong();
        try (OutputStream out = Files.newOutputStream(file)) {
            RdbFetcher.Snapshot snapshot = RdbFetcher.fetch("127.0.0.1", NODE.port(), Optional.of(NODE.password()), out,
                    Duration.ofSeconds(10), lastProgress::set);
            assertThat(lastProgress.get()).isEqualTo(snapshot.bytes());
            return snapshot;
        }
    }

    @Test
    void aDisklessSnapshotLoadsBackWithEveryTypeDatabaseAndTtl() throws Exception {
        setDiskless("yes");
        Path rdb = temp.resolve("dump.rdb");

        RdbFetcher.Snapshot snapshot = fetchTo(rdb);

        assertThat(snapshot.bytes()).isEqualTo(Files.size(rdb)).isGreaterThan(10_000);
        assertThat(snapshot.replicationId()).hasSize(40);
        assertThat(new String(Files.readAllBytes(rdb), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
        assertLoadsBack(rdb);
    }

    @Test
    void aDiskBasedSnapshotWithALengthHeaderIsTheSame() throws Exception {
        setDiskless("no");
        try {
            Path rdb = temp.resolve("dump.rdb");
            fetchTo(rdb);
            assertLoadsBack(rdb);
        } finally {
            setDiskless("yes");
        }
    }

    @Test
    void aWrongPasswordIsAClearError() {
        assertThatThrownBy(() -> RdbFetcher.fetch("127.0.0.1", NODE.port(), Optional.of("wrong"),
                OutputStream.nullOutputStream(), Duration.ofSeconds(5), bytes -> { }))
                .isInstanceOf(SpinelException.class)
                .hasMessageContaining("cannot stream the RDB of 127.0.0.1:" + NODE.port())
                .hasMessageContaining("AUTH answered '-WRONGPASS");
    }

    private static void setDiskless(String value) {
        try (Jedis jedis = node()) {
            jedis.configSet("repl-diskless-sync", value);
        }
    }

    /** redis-check-rdb accepts the file, and a throwaway redis-server loads it with everything in place. */
    private void assertLoadsBack(Path rdb) throws Exception {
        // redis-server runs as redis-check-rdb when called by that name (Debian links it so).
        Path checker = temp.resolve("redis-check-rdb");
        Files.createSymbolicLink(checker, RedisServerExtension.binary().toAbsolutePath());
        Process check = new ProcessBuilder(checker.toString(), rdb.toString()).redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(report).isZero();
        Files.delete(checker);
        assertThat(report).contains("RDB looks OK");

        int port = FreePorts.block(1);
        Process loader = new ProcessBuilder(RedisServerExtension.binary().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", temp.toString(), "--dbfilename", rdb.getFileName().toString(),
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(temp.resolve("loader.log").toFile()).start();
        // Stopped in the finally below on every path, a failed wait for its first PING included.
        try (Jedis loaded = awaitAnswering(port)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> loaded.info("persistence").contains("loading:0"));
            assertThat(loaded.dbSize()).isEqualTo(7 + 5000);
            assertThat(loaded.get("string")).isEqualTo("value");
            assertThat(loaded.ttl("expiring")).isBetween(3000L, 3600L);
            assertThat(loaded.lrange("list", 0, -1)).isEqualTo(List.of("a", "b", "c"));
            assertThat(loaded.smembers("set")).containsExactlyInAnyOrder("x", "y");
            assertThat(loaded.zscore("zset", "two")).isEqualTo(2.0);
            assertThat(loaded.hgetAll("hash")).isEqualTo(Map.of("f1", "v1", "f2", "v2"));
            assertThat(loaded.xlen("stream")).isEqualTo(1);
            loaded.select(1);
            assertThat(loaded.get("in-db1")).isEqualTo("yes");
        } finally {
            loader.destroy();
            if (!loader.waitFor(10, TimeUnit.SECONDS)) {
                loader.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Jedis awaitAnswering(int port) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                return "PONG".equals(jedis.ping());
            }
        });
        return new Jedis("127.0.0.1", port);
    }
}

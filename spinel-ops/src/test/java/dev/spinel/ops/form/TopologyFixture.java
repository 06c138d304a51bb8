package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * A project folder in a temp directory on free loopback ports, brought up through the same code
 * as {@code spinel up}, and checked with Jedis, a client independent of Spinel's own Lettuce use.
 */
public final class TopologyFixture implements AutoCloseable {
    public final Path dir;
    public final int portBase;
    public final int sentinelPortBase;
    private final Optional<String> redisServer;

    public TopologyFixture(Path tempDir, int dataNodes, Optional<String> redisServer) {
        requireRedis(redisServer);
        this.dir = tempDir.resolve(".spinel");
        this.portBase = FreePorts.block(dataNodes);
        this.sentinelPortBase = FreePorts.block(3);
        this.redisServer = redisServer;
    }

    /** Integration tests run in CI always; elsewhere they skip, loudly, only when no Redis can be had. */
    public static void requireRedis(Optional<String> redisServer) {
        try {
            BinaryResolver.fromEnvironment(redisServer).resolve();
        } catch (SpinelException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw e;
            }
            System.err.println("\n*** SKIPPING Redis integration tests: no usable redis-server: " + e.getMessage() + "\n");
            Assumptions.abort("no usable redis-server: " + e.getMessage());
        }
    }

    public SpecDraft draft(String mode, Integer shards, Integer replicas, Map<String, String> settings) {
        SpecDraft.SentinelDraft sentinel = "sentinel".equals(mode)
                ? new SpecDraft.SentinelDraft(null, null, null, sentinelPortBase) : null;
        return new SpecDraft(null, mode, null, shards, replicas, portBase, null, null, settings, sentinel);
    }

    public Up.Result up(SpecDraft draft) {
        return Up.up(new Up.Request(dir, Optional.empty(), draft, redisServer, Duration.ofSeconds(60), "test",
                step -> { }));
    }

    /** Runs up again with no spec flags, as an operator re-running `spinel up` in the folder would. */
    public Up.Result upAgain() {
        return up(SpecDraft.empty());
    }

    public String password() {
        return new Secrets(ProjectDir.open(dir)).password();
    }

    public JedisClientConfig clientConfig() {
        return DefaultJedisClientConfig.builder().password(password()).timeoutMillis(5000).build();
    }

    public Jedis jedis(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port), clientConfig());
    }

    public long pid(String node) {
        return ProcessRecord.read(dir.resolve("nodes").resolve(node).resolve("process")).orElseThrow().pid();
    }

    /** kill -9 by the recorded PID, and wait until the process is gone. */
    public void kill9(String node) throws Exception {
        ProcessHandle handle = ProcessHandle.of(pid(node)).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (Files.exists(dir.resolve("project.properties"))) {
            Down.down(dir, true);
        }
    }
}

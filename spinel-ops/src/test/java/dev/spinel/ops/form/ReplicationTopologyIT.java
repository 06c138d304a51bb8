package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.ops.process.RedisBinary;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

@ExtendWith(RedisLeakCheck.class)
class ReplicationTopologyIT {
    @TempDir
    Path temp;

    @Test
    void writesOnThePrimaryReachBothReplicas() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            fixture.up(fixture.draft("replication", null, null, null));
            try (Jedis primary = fixture.jedis(fixture.portBase)) {
                primary.set("session:1", "alice");
                assertThat(primary.waitReplicas(2, 5000)).isEqualTo(2);
                assertThat(primary.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");
                assertThat(primary.configGet("appendonly")).containsEntry("appendonly", "yes");
            }
            for (int port = fixture.portBase + 1; port <= fixture.portBase + 2; port++) {
                try (Jedis replica = fixture.jedis(port)) {
                    assertThat(replica.get("session:1")).isEqualTo("alice");
                }
            }
            fixture.kill9("redis-" + (fixture.portBase + 2));
            assertThat(fixture.upAgain().plan().actions()).hasSize(2);
            try (Jedis replica = fixture.jedis(fixture.portBase + 2)) {
                assertThat(replica.get("session:1")).isEqualTo("alice");
            }
            // Right after its full resync the replica writes its first AOF and refuses SHUTDOWN for a
            // moment; down must wait that out rather than fall back to signals after the grace period.
            assertThat(Down.down(fixture.dir, false).stopped())
                    .allSatisfy(line -> assertThat(line).contains(": shut down in "));
        }
    }

    @Test
    void standaloneRunsOnTheBundledBinary() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.of("bundled"))) {
            Up.Result result = fixture.up(fixture.draft("standalone", null, null, null));
            assertThat(result.binary().source()).isEqualTo(RedisBinary.Source.BUNDLED);
            assertThat(result.binary().version().toString()).isEqualTo("7.0.15");
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                node.set("k", "v");
                assertThat(node.get("k")).isEqualTo("v");
                assertThat(node.info("server")).contains("redis_version:7.0.15", "executable:"
                        + result.binary().path());
            }
        }
    }
}

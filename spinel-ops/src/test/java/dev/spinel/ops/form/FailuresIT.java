package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.testkit.RedisLeakCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

@ExtendWith(RedisLeakCheck.class)
class FailuresIT {
    /** A new instance per test: nodes started before this are not this test's. */
    private final Instant testStart = Instant.now();

    @TempDir
    Path temp;

    @Test
    void aPortInUseIsNamedAndNothingIsLeftBehind() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty());
             ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), fixture.portBase + 1));
            assertThatThrownBy(() -> fixture.up(fixture.draft("replication", null, null, null)))
                    .isInstanceOfSatisfying(SpinelException.class,
                            e -> assertThat(e.kind()).isEqualTo(SpinelException.Kind.BAD_INPUT))
                    .hasMessageContaining("port " + (fixture.portBase + 1) + " on 127.0.0.1 for redis-"
                            + (fixture.portBase + 1) + " is in use by pid " + ProcessHandle.current().pid());
            assertThat(fixture.dir).doesNotExist();
        }
    }

    @Test
    void aNodeThatExitsDuringUpShowsItsLogAndEverythingStartedIsStopped() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 3, Optional.empty())) {
            SpecDraft broken = fixture.draft("replication", null, null, Map.of("maxmemory-policy", "bogus"));
            assertThatThrownBy(() -> fixture.up(broken))
                    .isInstanceOf(SpinelException.class)
                    .hasMessageContaining("exited while starting")
                    .hasMessageContaining("maxmemory-policy");
            assertThat(RedisLeakCheck.runningRedisStartedSince(testStart)).isEmpty();
            assertThat(fixture.dir).as("a project this up created is removed again").doesNotExist();
        }
    }

    @Test
    void aFailedUpOnAnExistingProjectKeepsItsData() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                node.set("precious", "1");
            }
            Down.down(fixture.dir, false);
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), fixture.portBase));
                assertThatThrownBy(fixture::upAgain).hasMessageContaining("is in use");
            }
            assertThat(fixture.dir.resolve("nodes/redis-" + fixture.portBase + "/redis.conf")).exists();
            fixture.upAgain();
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                assertThat(node.get("precious")).isEqualTo("1");
            }
        }
    }

    @Test
    void aNodeThatRefusesTheProjectsPasswordFailsAtOnceNamingTheFiles() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            Down.down(fixture.dir, false);
            Path password = fixture.dir.resolve("secrets/password");
            String original = Files.readString(password);
            Files.writeString(password, "edited-by-hand\n");
            long start = System.nanoTime();
            assertThatThrownBy(fixture::upAgain)
                    .isInstanceOf(SpinelException.class)
                    .hasMessageContaining("refuses the project's password")
                    .hasMessageContaining("secrets/password changed by hand");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for the 60 s deadline")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(RedisLeakCheck.runningRedisStartedSince(testStart)).isEmpty();
            Files.writeString(password, original);
        }
    }

    @Test
    void aStalePidRecordIsNeverSignalled() throws Exception {
        Process bystander = new ProcessBuilder("sleep", "60").start();
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            String node = "redis-" + fixture.portBase;
            Down.down(fixture.dir, false);
            // The node's process is gone; its record now names a PID that belongs to something else.
            Path record = fixture.dir.resolve("nodes").resolve(node).resolve("process");
            new ProcessRecord(bystander.pid(), 12345L).write(record);

            assertThat(fixture.upAgain().plan().actions()).extracting(a -> a.describe())
                    .containsExactly("start " + node + " on 127.0.0.1:" + fixture.portBase);
            Down.down(fixture.dir, false);
            assertThat(bystander.isAlive()).as("the bystander was not signalled").isTrue();
        } finally {
            bystander.destroyForcibly();
            bystander.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProjectFromANewerSpinelIsRefused() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            Files.createDirectories(fixture.dir);
            Files.writeString(fixture.dir.resolve("project.properties"), "format=9\nid=abc\n");
            assertThatThrownBy(() -> fixture.up(fixture.draft("standalone", null, null, null)))
                    .isInstanceOfSatisfying(SpinelException.class,
                            e -> assertThat(e.kind()).isEqualTo(SpinelException.Kind.BLOCKED))
                    .hasMessageContaining("written by a newer Spinel (format 9");
            assertThat(fixture.dir.resolve("project.properties")).hasContent("format=9\nid=abc");
            Files.delete(fixture.dir.resolve("project.properties"));
        }
    }

    @Test
    void askingAnExistingProjectForAnotherTopologyIsRefused() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            assertThatThrownBy(() -> fixture.up(fixture.draft("replication", null, null, null)))
                    .hasMessageContaining("holds a standalone on port " + fixture.portBase);
            try (Jedis node = fixture.jedis(fixture.portBase)) {
                assertThat(node.ping()).isEqualTo("PONG");
            }
        }
    }
}

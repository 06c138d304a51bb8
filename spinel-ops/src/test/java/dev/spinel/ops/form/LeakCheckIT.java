package dev.spinel.ops.form;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.testkit.FreePorts;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak check itself finds a detached redis-server a test left in its temp folder. */
class LeakCheckIT {
    @TempDir
    Path temp;

    @Test
    void aDetachedRedisServerInATestFolderIsFoundAndOneStartedBeforeIsNot() throws Exception {
        TopologyFixture.requireRedis(Optional.empty());
        Instant start = Instant.now();
        Process shell = new ProcessBuilder("/bin/sh", "-c", "redis-server --port \"$0\" --bind 127.0.0.1 --save '' "
                + "</dev/null >/dev/null 2>&1 & echo $!", Integer.toString(FreePorts.block(1)))
                .directory(temp.toFile()).start();
        long pid = Long.parseLong(new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        shell.waitFor();
        ProcessHandle leftover = ProcessHandle.of(pid).orElseThrow();
        try {
            assertThat(RedisLeakCheck.runningRedisStartedSince(start)).extracting(ProcessHandle::pid).contains(pid);
            assertThat(RedisLeakCheck.runningRedisStartedSince(Instant.now().plusSeconds(60)))
                    .extracting(ProcessHandle::pid).doesNotContain(pid);
        } finally {
            leftover.destroyForcibly();
            leftover.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(RedisLeakCheck.runningRedisStartedSince(start)).extracting(ProcessHandle::pid).doesNotContain(pid);
    }
}

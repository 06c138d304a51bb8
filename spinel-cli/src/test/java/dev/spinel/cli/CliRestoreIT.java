package dev.spinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.testkit.FreePorts;
import dev.spinel.testkit.RedisLeakCheck;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** `spinel restore` as typed: it asks first, and only "yes" (or --force) replaces the data. */
@ExtendWith(RedisLeakCheck.class)
class CliRestoreIT {
    @TempDir
    Path temp;

    @Test
    void restoreAsksFirstAndOnlyYesReplacesTheData() {
        String dir = temp.resolve("p").toString();
        int port = FreePorts.block(1);
        try {
            assertThat(CliRun.of("up", "--dir", dir, "--mode", "standalone", "--port-base", Integer.toString(port),
                    "--no-console").exitCode()).isZero();
            String password = CliRun.of("secret", "--dir", dir).out().strip();
            try (Jedis node = new Jedis(new HostAndPort("127.0.0.1", port),
                    DefaultJedisClientConfig.builder().password(password).build())) {
                node.set("kept", "by the backup");
                CliRun backup = CliRun.of("backup", "--dir", dir);
                assertThat(backup.exitCode()).as(backup.err()).isZero();
                node.set("kept", "changed after it");

                CliRun noBackupNamed = CliRun.of("restore", "--dir", dir, "--force");
                assertThat(noBackupNamed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(noBackupNamed.err()).contains("or pass --latest");

                CliRun declined = withInput("no\n", () -> CliRun.of("restore", "--dir", dir, "--latest"));
                assertThat(declined.exitCode()).isEqualTo(ExitCodes.BLOCKED);
                assertThat(declined.err()).contains("Type yes to go on", "not confirmed, nothing was touched");
                assertThat(node.get("kept")).isEqualTo("changed after it");

                CliRun confirmed = withInput("yes\n", () -> CliRun.of("restore", "--dir", dir, "--latest"));
                assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
                assertThat(confirmed.out()).contains("Restored backup", "redis-" + port + " holds {db0=1}",
                        "the data from before the restore:");
            }
            try (Jedis node = new Jedis(new HostAndPort("127.0.0.1", port),
                    DefaultJedisClientConfig.builder().password(password).build())) {
                assertThat(node.get("kept")).isEqualTo("by the backup");
            }
        } finally {
            CliRun.of("down", "--dir", dir, "--purge");
        }
    }

    private static CliRun withInput(String typed, java.util.function.Supplier<CliRun> run) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(original);
        }
    }
}

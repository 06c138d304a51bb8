package dev.spinel.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.testkit.RedisLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills during a backup: a 2 MiB tmpfs, mounted in a mount namespace of the test's
 * own (so nothing outside it sees the mount), as the backup folder. The backup that does not fit
 * fails with the disk's error, leaves no partial folder, and the backup before it stays sound.
 */
@ExtendWith(RedisLeakCheck.class)
class FullDiskIT {
    @TempDir
    Path temp;

    @Test
    void aBackupThatFillsTheDiskFailsAndLeavesOnlyTheOlderBackup() throws Exception {
        requireMountNamespaces();
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (var node = fixture.jedis(fixture.portBase)) {
                node.set("small", "data");
            }
            Path backups = Files.createDirectories(temp.resolve("small-disk"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            String script = "mount -t tmpfs -o size=2m tmpfs \"$1\" && shift && exec \"$@\"";
            Process worker = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script,
                    "sh", backups.toString(), java.toString(), "-cp", System.getProperty("java.class.path"),
                    FullDiskWorker.class.getName(), fixture.dir.toString(), backups.toString(),
                    Integer.toString(fixture.portBase), fixture.password())
                    .redirectErrorStream(true).start();
            String output;
            try {
                output = new String(worker.getInputStream().readAllBytes());
                assertThat(worker.waitFor(120, TimeUnit.SECONDS)).isTrue();
            } finally {
                worker.destroyForcibly();
            }
            assertThat(worker.exitValue()).as(output).isZero();

            String first = output.lines().filter(l -> l.startsWith("first=")).findFirst().orElseThrow()
                    .substring("first=".length());
            assertThat(output).contains("second failed: ", "No space left on device", "were removed");
            assertThat(output.lines().filter(l -> l.startsWith("listed="))).containsExactly("listed=" + first);
            assertThat(output).contains("folders=1", "verify " + first + "=[]");
        }
    }

    /** Needs root (or user namespaces) to mount; CI has it, elsewhere the test says why it skips. */
    private static void requireMountNamespaces() throws Exception {
        Process probe = new ProcessBuilder("unshare", "--mount", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes());
        if (probe.waitFor() != 0) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must be able to mount a tmpfs in a mount namespace: " + output);
            }
            System.err.println("\n*** SKIPPING the full-disk test: cannot mount a tmpfs here: " + output + "\n");
            Assumptions.abort("cannot mount a tmpfs in a mount namespace: " + output);
        }
    }
}

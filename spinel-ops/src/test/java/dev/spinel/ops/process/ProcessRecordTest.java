package dev.spinel.ops.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRecordTest {
    @TempDir
    Path temp;

    @Test
    void roundTripsThroughItsFile() {
        Path file = temp.resolve("process");
        new ProcessRecord(1234, 5678).write(file);
        assertThat(ProcessRecord.read(file)).contains(new ProcessRecord(1234, 5678));
    }

    @Test
    void aMissingOrTornRecordIsNoRecord() throws Exception {
        assertThat(ProcessRecord.read(temp.resolve("none"))).isEmpty();
        Files.writeString(temp.resolve("torn"), "pid=");
        assertThat(ProcessRecord.read(temp.resolve("torn"))).isEmpty();
    }

    @Test
    void aProcessThatIsGoneIsNotLive() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        ProcessRecord record = ProcessRecord.of(sleeper.toHandle());
        sleeper.destroyForcibly();
        sleeper.waitFor(10, TimeUnit.SECONDS);
        assertThat(record.live()).isEmpty();
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsNotLive() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessRecord real = ProcessRecord.of(sleeper.toHandle());
            ProcessRecord stale = new ProcessRecord(real.pid(), real.startedEpochMillis() - 60_000);
            assertThat(stale.live()).isEmpty();
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLiveProcessThatIsNotRedisIsNeverTakenForANode() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcessRecord.of(sleeper.toHandle()).live()).isEmpty();
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package dev.spinel.ops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    private static MonitorEvent event(int i) {
        return new MonitorEvent(Instant.ofEpochSecond(1_800_000_000L + i), EventType.NODE_DOWN, "redis-" + i,
                "event " + i, Map.of("n", Integer.toString(i)));
    }

    @Test
    void eventsComeBackNewestFirstAndOutliveTheLog() {
        EventLog log = EventLog.inFolder(dir);
        for (int i = 0; i < 5; i++) {
            log.append(event(i));
        }

        assertThat(EventLog.inFolder(dir).newest(3)).extracting(MonitorEvent::message)
                .containsExactly("event 4", "event 3", "event 2");
        assertThat(EventLog.inFolder(dir).newest(3).get(0)).isEqualTo(event(4));
    }

    @Test
    void aTornLastLineAfterACrashIsSkipped() throws Exception {
        EventLog log = EventLog.inFolder(dir);
        log.append(event(1));
        Files.writeString(dir.resolve(EventLog.FILE), "{\"at\":\"2026-11-", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertThat(log.newest(10)).extracting(MonitorEvent::message).containsExactly("event 1");
    }

    @Test
    void aLongLogIsReadFromItsTail() {
        EventLog log = EventLog.inFolder(dir);
        for (int i = 0; i < 30_000; i++) {
            log.append(event(i));
        }

        assertThat(log.newest(2)).extracting(MonitorEvent::message).containsExactly("event 29999", "event 29998");
    }
}

package dev.spinel.ops.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Events kept as JSON lines in the project folder ({@code events.jsonl}), one appended per
 * event, so they outlive the console and any command can read them. Without a project
 * ({@code serve --connect}) they are kept in memory only. A line that does not parse (a torn
 * write after a crash) is skipped, never fatal.
 */
public final class EventLog {
    public static final String FILE = "events.jsonl";
    private static final int MEMORY_LIMIT = 10_000;
    private static final long TAIL_BYTES = 4L << 20;
    private static final ObjectMapper JSON = EventJson.MAPPER;

    private final Optional<Path> file;
    private final List<MonitorEvent> memory = new ArrayList<>();

    private EventLog(Optional<Path> file) {
        this.file = file;
    }

    public static EventLog inFolder(Path projectRoot) {
        return new EventLog(Optional.of(projectRoot.resolve(FILE)));
    }

    public static EventLog inMemory() {
        return new EventLog(Optional.empty());
    }

    public synchronized void append(MonitorEvent event) {
        if (file.isEmpty()) {
            memory.add(event);
            if (memory.size() > MEMORY_LIMIT) {
                memory.remove(0);
            }
            return;
        }
        try {
            Files.writeString(file.get(), JSON.writeValueAsString(event) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file.get(), e);
        }
    }

    /** Up to {@code limit} events, newest first. */
    public synchronized List<MonitorEvent> newest(int limit) {
        List<MonitorEvent> all = file.isEmpty() ? new ArrayList<>(memory) : readFile(file.get());
        Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** The events in the file's last {@link #TAIL_BYTES} (the dashboard asks every two seconds). */
    private static List<MonitorEvent> readFile(Path path) {
        List<String> lines;
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Read the tail whole.
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            lines = new ArrayList<>(text.lines().toList());
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0);
            }
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        List<MonitorEvent> events = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readValue(line, MonitorEvent.class));
            } catch (JsonProcessingException e) {
                // A torn last line after a crash, or a hand edit: skip it.
            }
        }
        return events;
    }
}

package dev.spinel.ops.project;

import dev.spinel.ops.process.ProcessRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The console serving a project: its process and address, in {@code console.properties} in the
 * project folder, so {@code down} can stop it and anyone can find its URL.
 */
public record ConsoleRecord(ProcessRecord process, String url) {
    public static final String FILE = "console.properties";

    public static ConsoleRecord ofThisProcess(String url) {
        return new ConsoleRecord(ProcessRecord.of(ProcessHandle.current()), url);
    }

    public static Optional<ConsoleRecord> read(Path projectRoot) {
        return PropertiesFiles.read(projectRoot.resolve(FILE)).flatMap(properties -> ProcessRecord.from(properties)
                .map(process -> new ConsoleRecord(process, properties.getProperty("url", ""))));
    }

    public void write(Path projectRoot) {
        Properties properties = process.toProperties();
        properties.setProperty("url", url);
        PropertiesFiles.write(projectRoot.resolve(FILE), properties, "console serving this project");
    }

    /** The console process, if it still runs. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(process.pid())
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(i -> i.toEpochMilli() == process.startedEpochMillis())
                        .orElse(true));
    }

    /** Removes the record when it names this process (a newer console may have replaced it). */
    public static void removeIfOurs(Path projectRoot) {
        read(projectRoot).filter(r -> r.process().pid() == ProcessHandle.current().pid()).ifPresent(r -> {
            try {
                Files.deleteIfExists(projectRoot.resolve(FILE));
            } catch (IOException e) {
                // Best effort on the way out; a stale record is recognised by its PID and start time.
            }
        });
    }
}

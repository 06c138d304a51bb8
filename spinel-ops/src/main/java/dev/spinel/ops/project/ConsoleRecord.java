package dev.spinel.ops.project;

import dev.spinel.ops.process.ProcessRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        Path file = projectRoot.resolve(FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return Optional.of(new ConsoleRecord(new ProcessRecord(Long.parseLong(properties.getProperty("pid").trim()),
                    Long.parseLong(properties.getProperty("started", "0").trim())), properties.getProperty("url", "")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public void write(Path projectRoot) {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(process.pid()));
        properties.setProperty("started", Long.toString(process.startedEpochMillis()));
        properties.setProperty("url", url);
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "console serving this project");
            AtomicFiles.write(projectRoot.resolve(FILE), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + projectRoot.resolve(FILE), e);
        }
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

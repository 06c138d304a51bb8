package dev.spinel.ops.process;

import dev.spinel.ops.project.PropertiesFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The PID and start time of a node's process, kept in its folder. The start time is what makes
 * stopping safe: a PID whose process has a different start time (or is not redis-server) now
 * belongs to something else, and Spinel never signals it.
 */
public record ProcessRecord(long pid, long startedEpochMillis) {
    private static final long EXITED = -1;

    public static ProcessRecord of(ProcessHandle handle) {
        return new ProcessRecord(handle.pid(), startMillis(handle));
    }

    /** A process that had exited before its start time could be read: never live, never signalled. */
    public static ProcessRecord exited(long pid) {
        return new ProcessRecord(pid, EXITED);
    }

    public static Optional<ProcessRecord> read(Path file) {
        return PropertiesFiles.read(file).flatMap(ProcessRecord::from);
    }

    /** The record in {@code pid} and {@code started}; empty for a torn or hand-edited one. */
    public static Optional<ProcessRecord> from(Properties properties) {
        try {
            return Optional.of(new ProcessRecord(Long.parseLong(properties.getProperty("pid").trim()),
                    Long.parseLong(properties.getProperty("started", "0").trim())));
        } catch (RuntimeException e) {
            // Treated as no record; the port check still protects a start.
            return Optional.empty();
        }
    }

    public void write(Path file) {
        PropertiesFiles.write(file, toProperties(), "process started by Spinel");
    }

    public Properties toProperties() {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("started", Long.toString(startedEpochMillis));
        return properties;
    }

    /** The live process this record names, if it is still the one Spinel started. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessLiveness::isRunning)
                .filter(handle -> startedEpochMillis == 0 || startMillis(handle) == startedEpochMillis)
                .filter(handle -> handle.info().command().map(c -> c.contains("redis")).orElse(true));
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }
}

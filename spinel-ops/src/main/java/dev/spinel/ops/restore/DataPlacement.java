package dev.spinel.ops.restore;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.backup.Compression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts a backup's RDB into an empty data folder in the form the node loads at start. With
 * {@code appendonly yes} (Spinel's default) Redis 7 ignores dump.rdb and loads the AOF folder
 * instead, so the RDB becomes the AOF's base file under a one-line manifest: Redis loads an RDB
 * base exactly as it loads dump.rdb (same speed), then opens a new incremental file for the
 * writes that follow. With {@code appendonly no} it is the dump file.
 */
final class DataPlacement {
    private DataPlacement() {
    }

    /**
     * The file the node will load, written (decompressed) from {@code backupFile}: an RDB, or an
     * AOF backup's folder (its manifest and the files it names), which goes in as it is.
     */
    static Path place(Path backupFile, Compression compression, Path dataDir, Map<String, String> settings)
            throws IOException {
        Files.createDirectories(dataDir);
        boolean appendOnly = appendOnly(settings);
        if (Files.isDirectory(backupFile)) {
            if (!appendOnly) {
                throw new SpinelException(SpinelException.Kind.BAD_INPUT, backupFile.getFileName() + " is an AOF"
                        + " backup, and this topology has appendonly off: restore an RDB backup, or turn appendonly on");
            }
            Path aofDir = Files.createDirectories(dataDir.resolve(aofDirName(settings)));
            try (Stream<Path> files = Files.list(backupFile)) {
                for (Path file : files.toList()) {
                    // Copied, never linked: Redis appends to the incremental file, which would change the backup.
                    compression.decompress(file, aofDir.resolve(compression.strip(file.getFileName().toString())));
                }
            }
            return aofDir;
        }
        Path target;
        if (appendOnly) {
            Path aofDir = dataDir.resolve(aofDirName(settings));
            String prefix = unquote(settings.getOrDefault("appendfilename", "appendonly.aof"));
            Files.createDirectories(aofDir);
            target = aofDir.resolve(prefix + ".1.base.rdb");
            copy(backupFile, compression, target);
            // The manifest last: a folder with a manifest always has its base file complete.
            Files.writeString(aofDir.resolve(prefix + ".manifest"), "file " + target.getFileName() + " seq 1 type b\n",
                    StandardCharsets.UTF_8);
        } else {
            target = dataDir.resolve(dumpName(settings));
            copy(backupFile, compression, target);
        }
        return target;
    }

    /**
     * An uncompressed backup on the same disk becomes a hard link: no time, no space. Safe because
     * Redis only reads an AOF base file; a rewrite writes a new one and unlinks the old name, which
     * leaves the backup's own name and bytes as they were.
     */
    private static void copy(Path backupFile, Compression compression, Path target) throws IOException {
        if (compression == Compression.NONE) {
            try {
                Files.createLink(target, backupFile);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // Another disk, or a file system without hard links: copy instead.
            }
        }
        compression.decompress(backupFile, target);
    }

    /**
     * Copies what a node loads at start (its AOF folder, or with {@code appendonly no} its dump
     * file) from a folder of the safety copy into an empty data folder: a shard a one-shard restore
     * leaves as it was. Copied, never moved or linked: the safety copy stays whole for a rollback.
     */
    static void carry(Path fromDataDir, Path toDataDir, Map<String, String> settings) throws IOException {
        Files.createDirectories(toDataDir);
        String name = appendOnly(settings) ? aofDirName(settings) : dumpName(settings);
        Path from = fromDataDir.resolve(name);
        if (Files.isDirectory(from)) {
            Path to = Files.createDirectories(toDataDir.resolve(name));
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        } else if (Files.isRegularFile(from)) {
            Files.copy(from, toDataDir.resolve(name));
        }
    }

    private static String aofDirName(Map<String, String> settings) {
        return unquote(settings.getOrDefault("appenddirname", "appendonlydir"));
    }

    private static String dumpName(Map<String, String> settings) {
        return unquote(settings.getOrDefault("dbfilename", "dump.rdb"));
    }

    private static boolean appendOnly(Map<String, String> settings) {
        return !"no".equalsIgnoreCase(unquote(settings.getOrDefault("appendonly", "yes")));
    }

    private static String unquote(String value) {
        String trimmed = value.strip();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}

package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.form.Deadline;
import dev.spinel.ops.form.Waits;
import dev.spinel.ops.project.DurableFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An AOF backup of a local node: a rewrite, so the AOF is one compact base plus a short
 * incremental file, then a copy of the manifest and every file it lists. Automatic rewrites are
 * off while copying (and put back after), so no file the manifest names is deleted under the
 * copy; the incremental file may grow meanwhile, and its copy is the prefix there was, which
 * Redis loads (a torn last command is dropped, as {@code aof-load-truncated yes} does).
 */
final class AofCopier {
    private static final Duration REWRITE_TIMEOUT = Duration.ofMinutes(30);

    private AofCopier() {
    }

    /** Copies the node's AOF into {@code folder}/{@code name}; one entry per file, the manifest first. */
    static List<BackupMetadata.FileEntry> copy(NodeAdmin node, String nodeName, Path folder, String name,
                                               Compression compression) throws IOException {
        if (!node.info("persistence").aofEnabled()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, nodeName + " has appendonly off: back it up"
                    + " with --type rdb");
        }
        String percentage = node.configGet("auto-aof-rewrite-percentage");
        node.configSet("auto-aof-rewrite-percentage", "0");
        try {
            rewrite(node, nodeName);
            Path aofDir = Path.of(node.configGet("dir")).resolve(node.configGet("appenddirname"));
            Path manifest = aofDir.resolve(node.configGet("appendfilename") + ".manifest");
            Path target = folder.resolve(name);
            Files.createDirectories(target);
            // History files (type h) are deleted by Redis in the background after a rewrite and
            // are never loaded: the backup's manifest leaves them out.
            List<String> kept = Files.readAllLines(manifest).stream()
                    .filter(line -> !line.isBlank() && !line.matches(".*\\stype\\s+h\\b.*")).toList();
            Path keptManifest = Files.createTempFile(folder, "manifest", ".tmp");
            List<BackupMetadata.FileEntry> files = new ArrayList<>();
            try {
                Files.write(keptManifest, kept);
                files.add(copyFile(keptManifest, manifest.getFileName().toString(), target, name, nodeName, compression));
            } finally {
                Files.deleteIfExists(keptManifest);
            }
            for (String listed : listedFiles(kept)) {
                files.add(copyFile(aofDir.resolve(listed), listed, target, name, nodeName, compression));
            }
            return files;
        } finally {
            node.configSet("auto-aof-rewrite-percentage", percentage.isEmpty() ? "100" : percentage);
        }
    }

    private static void rewrite(NodeAdmin node, String nodeName) {
        long before = node.info("persistence").number("aof_rewrites");
        node.rewriteAof();
        Waits.until("the AOF rewrite of " + nodeName, Deadline.in(REWRITE_TIMEOUT), () -> {
            InfoReply persistence = node.info("persistence");
            boolean done = persistence.number("aof_rewrites") > before
                    && persistence.number("aof_rewrite_in_progress") == 0
                    && persistence.number("aof_rewrite_scheduled") == 0;
            return done ? Waits.Check.ok() : Waits.Check.notYet("rewriting");
        });
        String status = node.info("persistence").field("aof_last_bgrewrite_status").orElse("");
        if (!"ok".equals(status)) {
            throw new SpinelException(SpinelException.Kind.FAILED, "the AOF rewrite of " + nodeName + " failed ("
                    + status + "): see its log");
        }
    }

    /** The file names of a Redis 7 AOF manifest: lines {@code file <name> seq <n> type <b|h|i>}. */
    static List<String> listedFiles(List<String> manifest) {
        List<String> names = new ArrayList<>();
        for (String line : manifest) {
            String[] words = line.strip().split("\\s+");
            for (int i = 0; i + 1 < words.length; i += 2) {
                if (words[i].equals("file")) {
                    names.add(words[i + 1]);
                }
            }
        }
        return names;
    }

    private static BackupMetadata.FileEntry copyFile(Path source, String fileName, Path target, String name,
                                                     String nodeName, Compression compression) throws IOException {
        String stored = fileName + compression.suffix();
        MessageDigest sha256 = Backups.sha256();
        long raw;
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = compression.wrap(new DigestOutputStream(DurableFiles.create(target.resolve(stored)),
                     sha256))) {
            raw = in.transferTo(out);
        }
        return new BackupMetadata.FileEntry(name + "/" + stored, nodeName, Files.size(target.resolve(stored)), raw,
                HexFormat.of().formatHex(sha256.digest()));
    }
}

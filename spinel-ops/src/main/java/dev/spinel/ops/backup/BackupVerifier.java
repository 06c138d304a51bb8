package dev.spinel.ops.backup;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.process.RedisBinary;
import dev.spinel.ops.process.RedisVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code spinel backup verify}: every file's size and SHA-256 against backup.json, then a load
 * into a throwaway redis-server whose key counts must equal the metadata's.
 */
public final class BackupVerifier {
    private static final KeyCounts NONE = new KeyCounts(Map.of(), Map.of());

    private BackupVerifier() {
    }

    /** What verification found: no problems means the backup restores as recorded. */
    public record Report(BackupMetadata metadata, KeyCounts loaded, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Report verify(BackupStore store, String id, RedisBinary binary) {
        return verify(store, id, binary, true);
    }

    /**
     * As above; without {@code load}, a backup whose keys were counted by a load when it was taken
     * is only checked against its SHA-256s: the same bytes load the same way. Its recorded counts
     * are then the report's. A backup never loaded is loaded all the same.
     */
    public static Report verify(BackupStore store, String id, RedisBinary binary, boolean load) {
        return verify(store, id, () -> binary, load);
    }

    /**
     * As above, with the redis-server asked for only once the checksums are done: a restore finds
     * its binary (which starts {@code redis-server --version}) while they run.
     */
    public static Report verify(BackupStore store, String id, Supplier<RedisBinary> binaryAfterChecksums,
                                boolean load) {
        Path folder = store.folder(id);
        BackupMetadata metadata = BackupStore.read(folder).orElseThrow(() -> new SpinelException(
                SpinelException.Kind.BAD_INPUT, Files.isDirectory(folder)
                ? folder + " has no readable " + BackupMetadata.FILE + ": it is not a complete backup"
                : "no backup " + id + " in " + store.root() + " (see `spinel backups`)"));
        List<String> problems = new ArrayList<>();
        if (metadata.format() > BackupMetadata.FORMAT) {
            throw new SpinelException(SpinelException.Kind.BLOCKED, id + " was written by a newer Spinel (format "
                    + metadata.format() + "): use that version");
        }
        Compression compression = Compression.of(metadata.compression());
        for (BackupMetadata.FileEntry file : metadata.files()) {
            Path path = folder.resolve(file.name());
            if (!Files.isRegularFile(path)) {
                problems.add(file.name() + " is missing");
                continue;
            }
            String sha256 = sha256(path);
            if (!sha256.equals(file.sha256())) {
                problems.add(file.name() + " does not match its SHA-256 (" + sha256 + ", recorded " + file.sha256()
                        + "): it changed or is damaged");
            }
        }
        RedisBinary binary = binaryAfterChecksums.get();
        // A newer Redis may write an RDB version an older one refuses to load.
        if (RedisVersion.parse("v=" + metadata.redisVersion()).filter(v -> v.compareTo(binary.version()) > 0)
                .isPresent()) {
            problems.add("taken from Redis " + metadata.redisVersion() + ", newer than " + binary.version()
                    + " here, which may not read its RDB");
        }
        if (!problems.isEmpty()) {
            return new Report(metadata, NONE, problems);
        }
        if (!load && metadata.keysVerified()) {
            return new Report(metadata, metadata.keyCounts(), problems);
        }
        KeyCounts loaded = NONE;
        for (String part : metadata.loadableParts()) {
            try {
                Path path = folder.resolve(part);
                loaded = loaded.plus(Files.isDirectory(path) ? RdbLoadCheck.keysAfterLoadingAof(binary, path, compression)
                        : RdbLoadCheck.keysAfterLoading(binary, path, compression));
            } catch (SpinelException e) {
                return new Report(metadata, NONE, List.of(part + " does not load: " + e.getMessage()));
            }
        }
        String when = metadata.keysVerified() ? "" : " (recorded when the snapshot began, not verified then)";
        metadata.keyCounts().mismatches(loaded.keys()).forEach(mismatch -> problems.add("loaded, " + mismatch + when));
        return new Report(metadata, loaded, problems);
    }

    private static String sha256(Path path) {
        MessageDigest digest = Backups.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(path)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot read " + path + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

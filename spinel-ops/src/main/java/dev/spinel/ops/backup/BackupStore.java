package dev.spinel.ops.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.project.AtomicFiles;
import dev.spinel.ops.project.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backups folder: one folder per backup, named by its id, complete only once its
 * {@code backup.json} exists. Lists them newest first and applies retention.
 */
public final class BackupStore {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    public BackupStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Complete backups, newest first; folders without a readable backup.json are not backups. */
    public List<BackupMetadata> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<BackupMetadata> backups = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                read(folder).ifPresent(backups::add);
            }
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot list " + root + ": " + e.getMessage(), e);
        }
        backups.sort(Comparator.comparing(BackupMetadata::createdAt).reversed());
        return backups;
    }

    public Optional<BackupMetadata> find(String id) {
        return list().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public Path folder(String id) {
        return root.resolve(id);
    }

    static Optional<BackupMetadata> read(Path folder) {
        Path file = folder.resolve(BackupMetadata.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), BackupMetadata.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path folder, BackupMetadata metadata) throws IOException {
        AtomicFiles.write(folder.resolve(BackupMetadata.FILE), JSON.writeValueAsString(metadata) + "\n");
    }

    /**
     * Deletes backups beyond the newest {@code keep} (0: no limit) and those older than
     * {@code maxAge} (null: no limit), never {@code spare}. Returns the ids deleted.
     */
    public List<String> applyRetention(int keep, Duration maxAge, String spare, Instant now) {
        List<String> deleted = new ArrayList<>();
        List<BackupMetadata> backups = list();
        for (int i = 0; i < backups.size(); i++) {
            BackupMetadata backup = backups.get(i);
            boolean tooMany = keep > 0 && i >= keep;
            boolean tooOld = maxAge != null && Instant.parse(backup.createdAt()).isBefore(now.minus(maxAge));
            if (!backup.id().equals(spare) && (tooMany || tooOld)) {
                delete(folder(backup.id()));
                deleted.add(backup.id());
            }
        }
        return deleted;
    }

    static void delete(Path folder) {
        try {
            Trees.delete(folder);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot delete " + folder + ": " + e.getMessage(), e);
        }
    }
}

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The backups folder: one folder per backup, named by its id, complete only once its
 * {@code backup.json} exists. Lists them newest first and applies retention.
 */
public final class BackupStore {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The {@code -2}, {@code -10}... of a second backup started in the same second. */
    private static final Pattern SAME_SECOND = Pattern.compile("-(\\d{1,9})$");
    /** Folders as their backups were taken: by start time, then by that number. */
    private static final Comparator<Path> TAKEN_ORDER = Comparator
            .comparing((Path folder) -> SAME_SECOND.matcher(folder.getFileName().toString()).replaceFirst(""))
            .thenComparingInt(folder -> {
                Matcher number = SAME_SECOND.matcher(folder.getFileName().toString());
                return number.find() ? Integer.parseInt(number.group(1)) : 1;
            });

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
        for (Path folder : folders()) {
            read(folder).ifPresent(backups::add);
        }
        backups.sort(Comparator.comparing(BackupMetadata::createdAt).reversed());
        return backups;
    }

    /**
     * The newest complete backup. A backup's folder is named by its id, its start time in UTC
     * (with {@code -2}... after a second one in the same second), so names sort as backups were
     * taken: only the newest backup.json is read, however many backups the folder keeps (a year
     * of hourly ones made every backup and restore parse 8,760 files first).
     */
    public Optional<BackupMetadata> newest() {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        for (Path folder : folders().stream().sorted(TAKEN_ORDER.reversed()).toList()) {
            Optional<BackupMetadata> backup = read(folder);
            if (backup.isPresent()) {
                return backup;
            }
        }
        return Optional.empty();
    }

    /** The folders in the backups folder, complete backups or not. */
    private List<Path> folders() {
        try (Stream<Path> listed = Files.list(root)) {
            return listed.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** The complete backup with this id, from its own folder alone. */
    public Optional<BackupMetadata> find(String id) {
        return read(folder(id)).filter(backup -> backup.id().equals(id));
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
        if (keep == 0 && maxAge == null) {
            return deleted;
        }
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

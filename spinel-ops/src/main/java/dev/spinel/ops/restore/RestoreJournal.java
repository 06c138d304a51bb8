package dev.spinel.ops.restore;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.project.AtomicFiles;
import dev.spinel.ops.project.ProjectDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code restore/journal.json}: written before a restore touches a node and removed once the
 * restored topology passed its checks. While it exists, the node folders in {@code safety} are
 * the project's real data, and the next {@code restore} or {@code up} puts them back.
 *
 * @param safety the folder, relative to the project, holding the node folders as they were
 * @param phase  how far the restore got, for the message that reports the rollback
 */
record RestoreJournal(@JsonProperty("backup_id") String backupId, @JsonProperty("started_at") String startedAt,
                      String safety, String phase) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Path file(ProjectDir project) {
        return project.root().resolve("restore").resolve("journal.json");
    }

    static Optional<RestoreJournal> read(ProjectDir project) {
        Path file = file(project);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RestoreJournal.class));
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, file + " is unreadable (" + e.getMessage() + "): an"
                    + " interrupted restore left it. The data from before that restore is in " + file.getParent()
                    + "/<time>/nodes; move it back to " + project.nodesDir() + " by hand, then delete " + file);
        }
    }

    RestoreJournal at(String newPhase) {
        return new RestoreJournal(backupId, startedAt, safety, newPhase);
    }

    void write(ProjectDir project) {
        Path file = file(project);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void delete(ProjectDir project) {
        try {
            Files.deleteIfExists(file(project));
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot delete " + file(project) + ": "
                    + e.getMessage(), e);
        }
    }

    Path safetyNodes(ProjectDir project) {
        return project.root().resolve(safety).resolve("nodes");
    }
}

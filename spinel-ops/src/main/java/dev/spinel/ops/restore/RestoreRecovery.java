package dev.spinel.ops.restore;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.form.Down;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Trees;
import dev.spinel.ops.project.WriterLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Puts the data from before a restore back: stops the nodes the restore started, removes their
 * folders and moves the safety copy of the node folders back in place. Used when a restore fails,
 * and by the next {@code restore} or {@code up} after a restore was killed.
 */
public final class RestoreRecovery {
    private RestoreRecovery() {
    }

    /**
     * Rolls back a restore that was interrupted (its journal is still there); does nothing
     * otherwise. Returns what it did, for the user.
     */
    public static Optional<String> recoverIfInterrupted(Path dir) {
        if (!ProjectDir.exists(dir.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        ProjectDir project = ProjectDir.open(dir);
        if (!Files.exists(RestoreJournal.file(project))) {
            return Optional.empty();
        }
        try (WriterLock lock = WriterLock.acquire(project, "restore recovery")) {
            return recoverHolding(project);
        }
    }

    /** As {@link #recoverIfInterrupted}, for a caller that holds the writer lock. */
    static Optional<String> recoverHolding(ProjectDir project) {
        return RestoreJournal.read(project).map(journal -> "an interrupted restore of backup " + journal.backupId()
                + " (stopped while " + journal.phase() + ") was rolled back: " + rollBack(project, journal));
    }

    /** Restores the node folders from the journal's safety copy; returns a short account. */
    static String rollBack(ProjectDir project, RestoreJournal journal) {
        Path safety = journal.safetyNodes(project);
        if (!Files.isDirectory(safety)) {
            // The node folders were never moved: nothing of the old data was touched.
            RestoreJournal.delete(project);
            return "no node had been changed yet";
        }
        Down.stopNodes(project);
        try {
            Trees.delete(project.nodesDir());
            Files.move(safety, project.nodesDir(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "could not put the data from before the restore back"
                    + " (" + e.getMessage() + "): it is in " + safety + "; move that folder to " + project.nodesDir()
                    + " by hand, then delete " + RestoreJournal.file(project), e);
        }
        RestoreJournal.delete(project);
        deleteIfEmpty(safety.getParent());
        return "the node folders are as they were before it";
    }

    private static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // Not empty or not removable: an empty folder left behind is harmless.
        }
    }
}

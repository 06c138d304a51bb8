package dev.spinel.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupStoreTest {
    @TempDir
    Path root;

    private int taken;

    /** A complete backup in {@code folder}, taken a second after the one before. */
    private void backup(String folder, String id) throws IOException {
        Files.createDirectories(root.resolve(folder));
        Instant createdAt = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(taken++);
        Files.writeString(root.resolve(folder).resolve(BackupMetadata.FILE),
                "{\"format\":1,\"id\":\"" + id + "\",\"created_at\":\"" + createdAt + "\",\"files\":[]}\n");
    }

    @Test
    void theNewestIsTheLastTakenCompleteBackupEvenAfterTenInOneSecond() throws IOException {
        BackupStore store = new BackupStore(root);
        assertThat(store.newest()).isEmpty();
        backup("20261101T000000Z", "20261101T000000Z");
        backup("20261101T000000Z-2", "20261101T000000Z-2");
        backup("20261101T000000Z-10", "20261101T000000Z-10");
        // Newer, but not complete (no backup.json), and a folder that is no backup at all.
        Files.createDirectories(root.resolve("20261102T000000Z"));
        Files.createDirectories(root.resolve("notes"));
        assertThat(store.newest()).map(BackupMetadata::id).contains("20261101T000000Z-10");
        assertThat(store.list()).hasSize(3);
    }

    @Test
    void aBackupIsFoundInItsOwnFolderOnly() throws IOException {
        BackupStore store = new BackupStore(root);
        backup("20261101T000000Z", "20261101T000000Z");
        backup("20261103T000000Z", "someone-renamed-it");
        Files.createDirectories(root.resolve("20261102T000000Z"));
        assertThat(store.find("20261101T000000Z")).map(BackupMetadata::id).contains("20261101T000000Z");
        assertThat(store.find("20261102T000000Z")).isEmpty();
        assertThat(store.find("someone-renamed-it")).isEmpty();
        assertThat(store.find("20261103T000000Z")).isEmpty();
    }

    @Test
    void noRetentionAskedDeletesNothing() throws IOException {
        BackupStore store = new BackupStore(root);
        backup("20261101T000000Z", "20261101T000000Z");
        backup("20261101T000000Z-2", "20261101T000000Z-2");
        Instant muchLater = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(store.applyRetention(0, null, "none", muchLater)).isEmpty();
        assertThat(store.applyRetention(1, null, "none", muchLater)).containsExactly("20261101T000000Z");
        assertThat(store.applyRetention(0, Duration.ofDays(1), "none", muchLater)).containsExactly("20261101T000000Z-2");
        assertThat(store.list()).isEmpty();
    }
}

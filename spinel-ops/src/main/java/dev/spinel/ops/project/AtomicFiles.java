package dev.spinel.ops.project;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see the old content or the new, never half of it: a crash, a
 * power cut or a full disk during the write leaves the previous file in place (the new content is
 * flushed to the disk before the rename, and the rename before returning). Secrets get their
 * permissions before any byte is written.
 */
public final class AtomicFiles {
    public static final String OWNER_ONLY = "rw-------";

    private AtomicFiles() {
    }

    public static void write(Path target, String content) throws IOException {
        write(target, content, null);
    }

    /** @param permissions POSIX permissions such as {@link #OWNER_ONLY}, or null for the default */
    public static void write(Path target, String content, String permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (permissions != null) {
                setPermissions(temp, permissions);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Sets POSIX permissions where the file system has them (not on Windows). */
    public static void setPermissions(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}

package dev.spinel.ops.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see the old content or the new, never half of it: a crash or a
 * full disk during the write leaves the previous file in place. Secrets get their permissions
 * before any byte is written.
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
            Files.writeString(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

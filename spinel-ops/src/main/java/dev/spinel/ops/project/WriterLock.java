package dev.spinel.ops.project;

import dev.spinel.ops.SpinelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two commands that change the same project from interleaving. The lock is the operating
 * system's, so it is released when the process dies however it dies; the file only names the
 * holder for the error message.
 */
public final class WriterLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean owner;

    private WriterLock(FileChannel channel, FileLock lock, boolean owner) {
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
    }

    /**
     * The same lock for a step run on behalf of its holder (restore runs {@code up}); closing it
     * leaves the lock held.
     */
    public WriterLock nested() {
        return new WriterLock(channel, lock, false);
    }

    public static WriterLock acquire(ProjectDir project, String command) {
        Path file = project.root().resolve("lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file).trim();
                channel.close();
                throw new SpinelException(SpinelException.Kind.BLOCKED, "another spinel command is changing "
                        + project.root() + " (" + (holder.isEmpty() ? "unknown" : holder)
                        + "): wait for it to finish");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", spinel " + command + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return new WriterLock(channel, lock, true);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock goes with the process anyway; nothing to recover.
        }
    }
}

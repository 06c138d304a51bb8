package dev.spinel.ops.project;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Files that are on the disk, not only in the page cache, once Spinel says they are kept: a
 * backup reported complete must survive a power cut, and backup.json must never reach the disk
 * before the files it vouches for.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** A new file whose {@code close()} flushes it to the disk (fsync) before closing it. */
    public static OutputStream create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                try (channel) {
                    out.flush();
                    channel.force(true);
                }
            }
        };
    }

    /** Flushes a directory's entries (files created, renamed or deleted in it) to the disk. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

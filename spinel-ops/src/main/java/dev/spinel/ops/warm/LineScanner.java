package dev.spinel.ops.warm;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a file as bytes, decoded only on demand: the warmer's first pass looks for the
 * few critical lines among millions, and a byte search skips the rest without turning each into a
 * String. A line ends at LF; a CR before it is dropped.
 */
final class LineScanner implements Closeable {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private int next;
    private int limit;
    private boolean eof;

    LineScanner(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false after the last. */
    boolean advance() throws IOException {
        while (true) {
            int i = ByteSearch.indexOf(buffer, (byte) '\n', next, limit);
            if (i >= 0) {
                start = next;
                end = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                next = i + 1;
                return true;
            }
            if (eof) {
                if (next < limit) {
                    // A last line without LF.
                    start = next;
                    end = limit > start && buffer[limit - 1] == '\r' ? limit - 1 : limit;
                    next = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /** Keeps the unfinished line at the front of the buffer (growing it for a long line) and reads more. */
    private void fill() throws IOException {
        int kept = limit - next;
        if (next > 0) {
            System.arraycopy(buffer, next, buffer, 0, kept);
        } else if (kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        next = 0;
        limit = kept;
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
    }

    boolean contains(byte[] marker) {
        return ByteSearch.contains(buffer, marker, start, end);
    }

    boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (buffer[i] != ' ' && buffer[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    String text() {
        return new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }

    /** Hands the line's bytes to {@code reader} as they lie in the buffer, valid only during the call. */
    <T> T read(BytesReader<T> reader) throws IOException {
        return reader.read(buffer, start, end - start);
    }

    /** Reads a value from a line's UTF-8 bytes. */
    @FunctionalInterface
    interface BytesReader<T> {
        T read(byte[] bytes, int offset, int length) throws IOException;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package dev.spinel.client.resp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer to encode a batch of commands into before one write to the socket: a
 * SET is a dozen small writes, and a BufferedOutputStream (or a ByteArrayOutputStream) takes a
 * lock for each. Not thread-safe; reused batch after batch.
 */
public final class ByteSink extends OutputStream {
    private byte[] bytes = new byte[64 * 1024];
    private int size;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /**
     * Writes one bulk string, {@code $len\r\nbytes\r\n}, straight into the buffer: a bulk load
     * encodes two per SET, and going through {@link RespWire#writeBulk} costs five calls and an
     * array for the digits each time.
     */
    public void writeBulk(byte[] value) {
        writeBulk(value, 0, value.length);
    }

    /** Writes {@code length} bytes of {@code source} from {@code offset} as one bulk string. */
    public void writeBulk(byte[] source, int offset, int length) {
        ensure(length + 16);
        size = putBulk(bytes, size, source, offset, length);
    }

    /** How many bytes {@code length} bytes take as a bulk string: the header, them, and CRLF. */
    public static int bulkSize(int length) {
        return 1 + digits(length) + 2 + length + 2;
    }

    /**
     * Writes {@code length} bytes of {@code source} from {@code offset} as one bulk string into
     * {@code target} at {@code at}, which must have room for {@link #bulkSize}; returns where it ends.
     */
    public static int putBulk(byte[] target, int at, byte[] source, int offset, int length) {
        target[at++] = '$';
        at = putLength(target, at, length);
        System.arraycopy(source, offset, target, at, length);
        at += length;
        target[at++] = '\r';
        target[at++] = '\n';
        return at;
    }

    /** Writes an array's header, {@code *count\r\n}: a command of {@code count} bulk strings follows. */
    public void writeArrayHeader(int count) {
        ensure(16);
        bytes[size++] = '*';
        size = putLength(bytes, size, count);
    }

    /** Puts a non-negative length's digits and CRLF at {@code at}; returns where they end. */
    private static int putLength(byte[] target, int at, int length) {
        int end = at + digits(length);
        for (int digit = end - 1; digit >= at; digit--) {
            target[digit] = (byte) ('0' + length % 10);
            length /= 10;
        }
        target[end] = '\r';
        target[end + 1] = '\n';
        return end + 2;
    }

    private static int digits(int length) {
        int digits = 1;
        for (int rest = length; rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** Bytes written since the sink was last emptied. */
    public int size() {
        return size;
    }

    /** Appends {@code length} bytes of this sink from {@code offset} to {@code target}. */
    public void copyTo(int offset, int length, ByteSink target) {
        target.write(bytes, offset, length);
    }

    /** Starts empty again, keeping the buffer. */
    public void reset() {
        size = 0;
    }

    /** What was encoded, in an array of its own, and starts empty again. */
    public byte[] drain() {
        byte[] drained = Arrays.copyOf(bytes, size);
        size = 0;
        return drained;
    }

    /** Writes what was encoded to {@code out} and starts empty again. */
    public void drainTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

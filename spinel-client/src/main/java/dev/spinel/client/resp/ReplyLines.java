package dev.spinel.client.resp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Single-line replies ({@code +OK}, {@code -ERR ...}) read from a stream of many, for a reader
 * that counts a bulk load's replies: its own buffer, no lock per byte (as a BufferedInputStream
 * takes), and no String for the common {@code +OK}.
 */
public final class ReplyLines {
    /** The line {@code +OK}, returned as this very String. */
    public static final String OK = "+OK";

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    public ReplyLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its CRLF; {@link #OK} itself for {@code +OK}. */
    public String next() throws IOException {
        int start = position;
        byte[] partial = null;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    position = i + 1;
                    return line(partial, start, i);
                }
            }
            // The line goes on past the buffer: keep what was read, then refill.
            partial = concat(partial, start, limit);
            position = 0;
            start = 0;
            limit = in.read(buffer);
            if (limit < 0) {
                limit = 0;
                throw new IOException("the connection closed");
            }
        }
    }

    private String line(byte[] partial, int start, int newline) {
        byte[] bytes = buffer;
        int from = start;
        int end = newline;
        if (partial != null) {
            bytes = concat(partial, start, newline);
            from = 0;
            end = bytes.length;
        }
        if (end > from && bytes[end - 1] == '\r') {
            end--;
        }
        if (end - from == 3 && bytes[from] == '+' && bytes[from + 1] == 'O' && bytes[from + 2] == 'K') {
            return OK;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    private byte[] concat(byte[] partial, int from, int to) {
        int before = partial == null ? 0 : partial.length;
        byte[] joined = new byte[before + to - from];
        if (partial != null) {
            System.arraycopy(partial, 0, joined, 0, before);
        }
        System.arraycopy(buffer, from, joined, before, to - from);
        return joined;
    }
}

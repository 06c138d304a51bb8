package dev.spinel.client.resp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two pieces of RESP that Spinel writes by hand where no client library goes (a replication
 * stream for backups, a bulk load streamed as {@code redis-cli --pipe} does): a command as an
 * array of bulk strings, and a single-line reply.
 */
public final class RespWire {
    private static final byte[] CRLF = {'\r', '\n'};

    private RespWire() {
    }

    /** Writes {@code *N\r\n$len\r\narg\r\n...}; the caller flushes. */
    public static void writeCommand(OutputStream out, String... args) throws IOException {
        out.write('*');
        writeDecimal(out, args.length);
        out.write(CRLF);
        for (String arg : args) {
            writeBulk(out, arg.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes one bulk string, {@code $len\r\nbytes\r\n}. */
    public static void writeBulk(OutputStream out, byte[] bytes) throws IOException {
        out.write('$');
        writeDecimal(out, bytes.length);
        out.write(CRLF);
        out.write(bytes);
        out.write(CRLF);
    }

    /** A non-negative number's ASCII digits, without a String on the way (a bulk load writes millions). */
    static void writeDecimal(OutputStream out, long value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("RESP lengths are not negative: " + value);
        }
        byte[] digits = new byte[20];
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        out.write(digits, at, digits.length - at);
    }

    /** One line without its CRLF (a status, an error, a length header). */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(8);
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("the connection closed");
            }
            if (c == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) c);
        }
    }
}

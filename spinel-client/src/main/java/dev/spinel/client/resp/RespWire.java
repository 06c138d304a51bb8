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
        out.write(('*' + Integer.toString(args.length)).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.write(('$' + Integer.toString(bytes.length)).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(bytes);
            out.write(CRLF);
        }
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

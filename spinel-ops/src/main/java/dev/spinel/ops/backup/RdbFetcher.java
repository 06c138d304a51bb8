package dev.spinel.ops.backup;

import dev.spinel.client.resp.RespWire;
import dev.spinel.ops.SpinelException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Streams a node's RDB snapshot over the replication protocol, as {@code redis-cli --rdb} does:
 * no file is written on the node when it syncs diskless, and it works on a remote node.
 * Hand-written because no Java Redis client speaks this part of the protocol (Lettuce has no
 * PSYNC); it is a few lines of RESP.
 *
 * <p>The exchange: AUTH, {@code REPLCONF capa eof} (so a diskless primary may stream to us),
 * {@code REPLCONF rdb-only 1} (Redis 7.0+: send the snapshot and no replication stream after it),
 * {@code PSYNC ? -1}, answered by {@code +FULLRESYNC <replid> <offset>}, newlines while the node
 * prepares, then either {@code $<length>} and that many bytes, or {@code $EOF:<40-byte mark>},
 * the bytes, and the mark again.
 */
public final class RdbFetcher {
    private static final int MARK_LENGTH = 40;
    private static final int CHUNK = 64 * 1024;

    /** What the node said about the snapshot it sent. */
    public record Snapshot(String replicationId, long offset, long bytes) {
    }

    private RdbFetcher() {
    }

    /**
     * Writes the node's snapshot to {@code out}.
     *
     * @param progress told the bytes received so far, as they arrive
     */
    public static Snapshot fetch(String host, int port, Optional<String> password, OutputStream out, Duration timeout,
                                 LongConsumer progress) {
        String node = host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream(), CHUNK);
            // Each command goes out whole, in one segment, at once: written byte by byte to the bare
            // socket it left in pieces, Nagle held each piece for the node's delayed ACK (about 40 ms),
            // which cost a backup of an empty node 0.13 s before the snapshot began.
            socket.setTcpNoDelay(true);
            OutputStream commands = new BufferedOutputStream(socket.getOutputStream(), 1024);
            if (password.isPresent()) {
                send(commands, "AUTH", password.get());
                expectOk(node, "AUTH", in);
            }
            send(commands, "REPLCONF", "capa", "eof");
            expectOk(node, "REPLCONF capa eof", in);
            send(commands, "REPLCONF", "rdb-only", "1");
            expectOk(node, "REPLCONF rdb-only 1", in);
            send(commands, "PSYNC", "?", "-1");
            String fullResync = nextLine(node, in);
            String[] parts = fullResync.split(" ");
            if (!parts[0].equals("+FULLRESYNC") || parts.length < 3) {
                throw failed(node, "PSYNC answered '" + fullResync + "' instead of +FULLRESYNC");
            }
            String header = nextLine(node, in);
            if (!header.startsWith("$")) {
                throw failed(node, "expected the snapshot's length, got '" + header + "'");
            }
            long bytes = header.startsWith("$EOF:")
                    ? copyUntilMark(node, in, out, header.substring(5).getBytes(StandardCharsets.US_ASCII), progress)
                    : copyExactly(node, in, out, Long.parseLong(header.substring(1)), progress);
            out.flush();
            return new Snapshot(parts[1], Long.parseLong(parts[2]), bytes);
        } catch (IOException e) {
            throw failed(node, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static SpinelException failed(String node, String why) {
        return new SpinelException(SpinelException.Kind.FAILED, "cannot stream the RDB of " + node + ": " + why);
    }

    private static void send(OutputStream out, String... args) throws IOException {
        RespWire.writeCommand(out, args);
        out.flush();
    }

    private static void expectOk(String node, String what, InputStream in) throws IOException {
        String reply = readLine(in);
        if (!reply.equals("+OK")) {
            throw failed(node, what + " answered '" + reply + "'");
        }
    }

    /** The next line that is not a keep-alive newline (sent while the node forks and writes). */
    private static String nextLine(String node, InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line.startsWith("-")) {
                throw failed(node, "the node refused: " + line.substring(1));
            }
            if (!line.isEmpty()) {
                return line;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        return RespWire.readLine(in);
    }

    private static long copyExactly(String node, InputStream in, OutputStream out, long length, LongConsumer progress)
            throws IOException {
        byte[] buffer = new byte[CHUNK];
        long copied = 0;
        while (copied < length) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
            if (read == -1) {
                throw failed(node, "the connection closed after " + copied + " of " + length + " bytes");
            }
            out.write(buffer, 0, read);
            copied += read;
            progress.accept(copied);
        }
        return copied;
    }

    /** Copies until the last 40 bytes read are the mark, which is not part of the snapshot. */
    private static long copyUntilMark(String node, InputStream in, OutputStream out, byte[] mark, LongConsumer progress)
            throws IOException {
        if (mark.length != MARK_LENGTH) {
            throw failed(node, "an EOF mark of " + mark.length + " bytes, expected " + MARK_LENGTH);
        }
        byte[] buffer = new byte[CHUNK + MARK_LENGTH];
        int held = 0;
        long copied = 0;
        while (true) {
            int read = in.read(buffer, held, CHUNK);
            if (read == -1) {
                throw failed(node, "the connection closed after " + copied + " bytes, before the end mark");
            }
            int available = held + read;
            if (available >= MARK_LENGTH
                    && Arrays.equals(buffer, available - MARK_LENGTH, available, mark, 0, MARK_LENGTH)) {
                out.write(buffer, 0, available - MARK_LENGTH);
                copied += available - MARK_LENGTH;
                progress.accept(copied);
                return copied;
            }
            // Everything but the last 40 bytes is snapshot for sure; keep those in case they begin the mark.
            int writable = Math.max(0, available - MARK_LENGTH);
            out.write(buffer, 0, writable);
            copied += writable;
            progress.accept(copied);
            System.arraycopy(buffer, writable, buffer, 0, available - writable);
            held = available - writable;
        }
    }
}

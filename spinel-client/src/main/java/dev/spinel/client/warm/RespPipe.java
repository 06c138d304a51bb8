package dev.spinel.client.warm;

import dev.spinel.client.resp.RespWire;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A stream of SETs to one primary, as {@code redis-cli --pipe} sends them: RESP written into a
 * buffered socket, replies counted by a reader thread of its own. Hand-written because a bulk
 * load through Lettuce measured at 0.4 of the server's limit on 2 cores: its per-command objects,
 * futures and timers cost more CPU than Redis spends on the SET. A reply is matched to its entry
 * by order (Redis answers in order); an error reply (MOVED after a slot moved, OOM) is handed back
 * with its entry, to be retried through the regular client.
 */
final class RespPipe implements AutoCloseable {
    /** Entries sent but not yet answered: bounds memory, and stalls the writer while Redis catches up. */
    private static final int MAX_UNANSWERED = 50_000;

    private final String address;
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<WarmEntry> unanswered = new ArrayBlockingQueue<>(MAX_UNANSWERED);
    private final Thread reader;
    private volatile IOException broken;

    /**
     * @param ok     told each entry Redis acknowledged (on the reader thread)
     * @param failed told each entry Redis refused, with its error (on the reader thread)
     */
    RespPipe(String host, int port, Optional<String> password, Duration timeout, Consumer<WarmEntry> ok,
             BiConsumer<WarmEntry, String> failed) throws IOException {
        this.address = host + ":" + port;
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        if (password.isPresent()) {
            command("AUTH", password.get());
            out.flush();
            String reply = RespWire.readLine(in);
            if (!reply.equals("+OK")) {
                socket.close();
                throw new IOException(address + " refused AUTH: " + reply);
            }
        }
        // Replies may pause for long (between the critical entries and the rest): awaitReplies bounds the wait.
        socket.setSoTimeout(0);
        this.reader = Thread.ofPlatform().name("warm-replies-" + address).daemon().start(() -> {
            try {
                while (true) {
                    String reply = RespWire.readLine(in);
                    WarmEntry entry = unanswered.take();
                    if (reply.startsWith("+")) {
                        ok.accept(entry);
                    } else {
                        failed.accept(entry, reply.startsWith("-") ? reply.substring(1) : "unexpected reply " + reply);
                    }
                }
            } catch (IOException e) {
                broken = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Writes the entries' SETs and flushes them; waits only while too many are unanswered. */
    synchronized void send(Iterable<WarmEntry> entries) throws IOException, InterruptedException {
        for (WarmEntry entry : entries) {
            while (!unanswered.offer(entry, 100, TimeUnit.MILLISECONDS)) {
                out.flush();
                check();
            }
            if (entry.ttl().isPresent()) {
                command("SET", entry.key(), entry.value(), "PX", Long.toString(entry.ttl().get().toMillis()));
            } else {
                command("SET", entry.key(), entry.value());
            }
        }
        out.flush();
    }

    /** Waits until every entry sent so far is answered. */
    void awaitReplies(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!unanswered.isEmpty()) {
            check();
            if (System.nanoTime() > deadline) {
                throw new IOException(address + " left " + unanswered.size() + " SETs unanswered for " + timeout);
            }
            Thread.sleep(1);
        }
    }

    private void check() throws IOException {
        if (broken != null) {
            throw new IOException("the connection to " + address + " broke: " + broken.getMessage(), broken);
        }
    }

    private void command(String... args) throws IOException {
        RespWire.writeCommand(out, args);
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

package dev.spinel.client.warm;

import dev.spinel.client.resp.ReplyLines;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A stream of SETs and MSETs to one primary, as {@code redis-cli --pipe} sends them: RESP written
 * into a buffered socket, replies counted by a reader thread of its own. Hand-written because a bulk
 * load through Lettuce measured at 0.4 of the server's limit on 2 cores: its per-command objects,
 * futures and timers cost more CPU than Redis spends on the SET. A reply is matched to its command
 * by order (Redis answers in order); an error reply (MOVED after a slot moved, OOM) is handed back
 * with each entry of its command, to be retried through the regular client.
 */
final class RespPipe implements AutoCloseable {
    /**
     * Batches sent but not yet wholly answered: bounds memory, and stalls the writer while Redis
     * catches up. Whole batches are queued, not entries: a lock and a wake-up per batch, not per SET.
     * Four batches of a thousand keep a primary busy; at 50, the 150,000 entries waiting for replies
     * across three primaries were copied by every young GC (pauses of 0.2-0.3 s each, 2.4 s in a
     * load of 1M keys, against 0.4 s at 4; the loader's CPU 0.35 s less).
     */
    private static final int MAX_UNANSWERED_BATCHES = 4;

    private final String address;
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<WarmBatch> unanswered = new ArrayBlockingQueue<>(MAX_UNANSWERED_BATCHES);
    /** Entries written and not yet answered. */
    private final AtomicLong pending = new AtomicLong();
    private final Thread reader;
    private volatile IOException broken;

    /** Told of entries Redis acknowledged, on the reader thread. */
    interface Acknowledged {
        /** Entries {@code from} (inclusive) to {@code to} of {@code batch} were stored. */
        void entries(WarmBatch batch, int from, int to);
    }

    /**
     * @param ok     told the entries of each batch that Redis acknowledged, once per batch unless
     *               some were refused (on the reader thread): a call per entry, from three readers
     *               at once, contended for the sample's lock a million times in a load of a million
     * @param failed told each entry Redis refused, with its error (on the reader thread)
     */
    RespPipe(String host, int port, Optional<String> password, Duration timeout, Acknowledged ok,
             BiConsumer<WarmEntry, String> failed) throws IOException {
        this.address = host + ":" + port;
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        if (password.isPresent()) {
            RespWire.writeCommand(out, "AUTH", password.get());
            out.flush();
            String reply = RespWire.readLine(in);
            if (!reply.equals("+OK")) {
                socket.close();
                throw new IOException(address + " refused AUTH: " + reply);
            }
        }
        // Replies may pause for long (between the critical entries and the rest): awaitReplies bounds the wait.
        socket.setSoTimeout(0);
        ReplyLines replies = new ReplyLines(in);
        this.reader = Thread.ofPlatform().name("warm-replies-" + address).daemon().start(() -> {
            try {
                while (true) {
                    WarmBatch batch = unanswered.take();
                    // Runs of acknowledged entries are told at once: the whole batch, in the usual case.
                    int acknowledgedFrom = 0;
                    int first = 0;
                    for (int size : batch.commandSizes()) {
                        String reply = replies.next();
                        if (reply != ReplyLines.OK) {
                            if (acknowledgedFrom < first) {
                                ok.entries(batch, acknowledgedFrom, first);
                            }
                            String error = reply.startsWith("-") ? reply.substring(1) : "unexpected reply " + reply;
                            for (int i = first; i < first + size; i++) {
                                failed.accept(batch.entry(i), error);
                            }
                            acknowledgedFrom = first + size;
                        }
                        first += size;
                    }
                    if (acknowledgedFrom < first) {
                        ok.entries(batch, acknowledgedFrom, first);
                    }
                    pending.addAndGet(-batch.size());
                }
            } catch (IOException e) {
                broken = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Writes the batch's commands and flushes them; waits only while too many batches are unanswered. */
    synchronized void send(WarmBatch batch) throws IOException, InterruptedException {
        pending.addAndGet(batch.size());
        while (!unanswered.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            out.flush();
            check();
        }
        out.write(batch.commands());
        out.flush();
    }

    /** Waits until every entry sent so far is answered. */
    void awaitReplies(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            check();
            if (System.nanoTime() > deadline) {
                throw new IOException(address + " left " + unanswered.size() + " batches unanswered for " + timeout);
            }
            Thread.sleep(1);
        }
    }

    private void check() throws IOException {
        if (broken != null) {
            throw new IOException("the connection to " + address + " broke: " + broken.getMessage(), broken);
        }
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

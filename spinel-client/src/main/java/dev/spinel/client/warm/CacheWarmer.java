package dev.spinel.client.warm;

import dev.spinel.client.connect.Mode;
import dev.spinel.client.connect.SpinelClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Loads entries into any topology as fast as its primaries take them: entries are grouped by
 * the shard that serves them, and within it by hash slot (one MSET for several keys of a slot,
 * see {@link SlotHold}), and each shard's batches are streamed to its primary as
 * {@code redis-cli --pipe} does (many commands per round trip, replies counted as they come), a
 * few batches being written at once. Critical entries are all loaded before the others (so the
 * entries are iterated twice). Afterwards a uniform sample of the loaded keys is read back from
 * the primaries and, where there are replicas, from them.
 *
 * <p>In a cluster an entry waits until its slot holds 16 (or the source ends) before it is sent:
 * with keys spread over all 16,384 slots, the first batches leave after some 100,000 entries, and
 * about 120,000 are held at a time (262,144 at most). A source that yields slowly sees its entries
 * land in bursts; every entry is loaded, and answered, before {@code warm} returns.
 *
 * <pre>{@code
 * WarmReport report = CacheWarmer.builder(client).build().warm(entries, loaded -> { });
 * }</pre>
 */
public final class CacheWarmer {
    /** Batches in flight at once: three shards at a time, as a team's warmer did. */
    public static final int DEFAULT_PARALLELISM = 3;
    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int DEFAULT_SAMPLE_SIZE = 1000;
    /**
     * A cluster's keys a hash slot holds before they are sent as one MSET (see {@link SlotHold}).
     * 32 (with 4 KB a slot) loaded no faster than 16 in alternating runs, the loader taking more CPU.
     */
    private static final int KEYS_HELD_PER_SLOT = 16;
    /** Bytes a hash slot holds at most: 32 MB in all, enough for 16 entries of 100-byte values. */
    private static final int BYTES_HELD_PER_SLOT = 2048;
    /** Keys in one MSET at most: enough that Redis's cost per command is spread thin, and one command stays short. */
    private static final int MAX_KEYS_PER_MSET = 100;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);
    private static final long PROGRESS_EVERY = 10_000;
    private static final Duration REPLICA_POLL = Duration.ofMillis(10);
    /** How long replicas may take to catch up before a sampled key missing there counts as wrong. */
    private static final Duration REPLICA_CATCH_UP = Duration.ofSeconds(10);

    private final SpinelClient client;
    private final int parallelism;
    private final int batchSize;
    private final int sampleSize;

    private CacheWarmer(Builder builder) {
        this.client = builder.client;
        this.parallelism = builder.parallelism;
        this.batchSize = builder.batchSize;
        this.sampleSize = builder.sampleSize;
    }

    public static Builder builder(SpinelClient client) {
        return new Builder(client);
    }

    /**
     * Loads every entry, critical ones first, then checks a sample.
     *
     * @param entries  iterated twice: once for the critical entries, once for the rest
     * @param progress told the count of entries loaded so far, after each batch
     */
    public WarmReport warm(Iterable<WarmEntry> entries, LongConsumer progress) {
        return warm(WarmSource.of(entries), progress);
    }

    /** Loads every entry of the source, all critical ones before any other, then checks a sample. */
    public WarmReport warm(WarmSource source, LongConsumer progress) {
        long start = System.nanoTime();
        Reservoir sample = new Reservoir(sampleSize);
        Loader loader = new Loader(sample, progress);
        try {
            for (boolean critical : new boolean[] {true, false}) {
                source.read(critical, loader);
                loader.drain();
            }
        } finally {
            loader.close();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<WarmEntry> sampled = sample.entries();
        int onPrimaries = onPrimaries(sampled);
        return new WarmReport(loader.loaded.get(), loader.failed.get(), took, sampled.size(), onPrimaries,
                onReplicas(sampled), loader.firstFailure.get() == null ? "" : loader.firstFailure.get());
    }

    /** Sampled keys the primaries return with the loaded value, every GET sent before the first reply is read. */
    private int onPrimaries(List<WarmEntry> sampled) {
        List<RedisFuture<String>> asked = sampled.stream().map(entry -> client.async().get(entry.key())).toList();
        int right = 0;
        for (int i = 0; i < sampled.size(); i++) {
            try {
                if (sampled.get(i).value().equals(asked.get(i).get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))) {
                    right++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the sample", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // Not read back: not counted as right.
            }
        }
        return right;
    }

    /**
     * Sampled keys that every replica asked returns with the loaded value, waiting out
     * replication lag; -1 when there are no replicas to ask.
     */
    private int onReplicas(List<WarmEntry> sampled) {
        Optional<SpinelClient.ReplicaReader> reader = client.connectReplicaReader();
        if (reader.isEmpty()) {
            return -1;
        }
        try (SpinelClient.ReplicaReader replicas = reader.get()) {
            long deadline = System.nanoTime() + REPLICA_CATCH_UP.toNanos();
            List<WarmEntry> waiting = sampled;
            int right = 0;
            boolean anyReplica = false;
            // Every sampled key asked at once; only those replication has not brought yet are asked again.
            while (!waiting.isEmpty()) {
                List<List<String>> values = replicas.values(waiting.stream().map(WarmEntry::key).toList());
                List<WarmEntry> lagging = new ArrayList<>();
                for (int i = 0; i < waiting.size(); i++) {
                    List<String> onReplicas = values.get(i);
                    anyReplica |= !onReplicas.isEmpty();
                    if (!onReplicas.isEmpty() && onReplicas.stream().allMatch(waiting.get(i).value()::equals)) {
                        right++;
                    } else if (!onReplicas.isEmpty()) {
                        lagging.add(waiting.get(i));
                    }
                }
                if (lagging.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                waiting = lagging;
                // Replication lags: ask again shortly, not in a busy loop of GETs.
                LockSupport.parkNanos(REPLICA_POLL.toNanos());
            }
            return anyReplica ? right : -1;
        }
    }

    /**
     * Entries held by slot and gathered into batches by shard, written by a few threads into one
     * {@link RespPipe} per primary; each pipe's reader counts the replies. An entry Redis refused
     * (MOVED after a slot moved, say) is retried once through the client, which follows redirections.
     */
    private final class Loader implements WarmSink {
        private final Reservoir sample;
        private final LongConsumer progress;
        private final AtomicLong loaded = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();
        /** Only a cluster's MSETs must keep to one slot; elsewhere any entries may share one. */
        private final SlotHold hold = client.mode() == Mode.CLUSTER
                ? new SlotHold(true, Math.min(KEYS_HELD_PER_SLOT, batchSize), BYTES_HELD_PER_SLOT, batchSize,
                        client::shardOfSlot, this::submitReady)
                : new SlotHold(false, Math.min(MAX_KEYS_PER_MSET, batchSize), SlotHold.MAX_BATCH_BYTES, batchSize,
                        client::shardOfSlot, this::submitReady);
        /** Per shard: its batches are written in input order, though several threads write them. */
        private final Map<String, Turns> turns = new HashMap<>();
        private final Map<String, RespPipe> pipes = new java.util.concurrent.ConcurrentHashMap<>();
        private final ExecutorService senders = Executors.newFixedThreadPool(parallelism);
        /** Batches queued or being written; bounds memory whatever the input's size. */
        private final Semaphore inFlight = new Semaphore(parallelism * 2);
        private final List<Future<?>> sent = new ArrayList<>();

        Loader(Reservoir sample, LongConsumer progress) {
            this.sample = sample;
            this.progress = progress;
        }

        @Override
        public void entry(WarmEntry entry) {
            hold.add(entry);
        }

        @Override
        public void entry(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength,
                          long ttlMillis) {
            if (ttlMillis < 0) {
                throw new IllegalArgumentException("a time to live must be positive (or 0 for none), got "
                        + ttlMillis + " ms");
            }
            hold.add(bytes, keyOffset, keyLength, bytes, valueOffset, valueLength, ttlMillis);
        }

        /** Hands a full batch to a sender once there is room for it among those in flight. */
        private void submitReady(WarmBatch batch) {
            inFlight.acquireUninterruptibly();
            submit(batch);
        }

        /** Sends what is pending and waits until every entry so far is answered. */
        void drain() {
            hold.flush();
            try {
                for (Future<?> future : sent) {
                    future.get();
                }
                for (RespPipe pipe : pipes.values()) {
                    pipe.awaitReplies(BATCH_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while warming", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a warming batch failed: " + e.getCause().getMessage(), e.getCause());
            } catch (IOException e) {
                throw new IllegalStateException("warming failed: " + e.getMessage(), e);
            }
            sent.clear();
            progress.accept(loaded.get());
        }

        /** Hands the batch to a sender, a place among those in flight already taken. */
        private void submit(WarmBatch batch) {
            try {
                Turns shardTurns = turns.computeIfAbsent(batch.shard(), key -> new Turns());
                long ticket = shardTurns.issue();
                sent.add(senders.submit(() -> {
                    try {
                        shardTurns.run(ticket, () -> pipe(batch.shard(), batch.entry(0).key()).send(batch));
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
            } catch (RuntimeException e) {
                inFlight.release();
                throw e;
            }
        }

        private RespPipe pipe(String shard, String anyKey) throws IOException {
            RespPipe existing = pipes.get(shard);
            if (existing != null) {
                return existing;
            }
            synchronized (pipes) {
                RespPipe again = pipes.get(shard);
                if (again != null) {
                    return again;
                }
                InetSocketAddress primary = client.primaryAddressOf(anyKey);
                RespPipe opened = new RespPipe(primary.getHostString(), primary.getPort(), client.password(),
                        BATCH_TIMEOUT, this::acknowledged, this::refused);
                pipes.put(shard, opened);
                return opened;
            }
        }

        private void acknowledged(WarmBatch batch, int from, int to) {
            sample.offer(to - from, index -> batch.entry(from + index));
            counted(to - from);
        }

        private void counted(int entries) {
            long now = loaded.addAndGet(entries);
            if (now / PROGRESS_EVERY != (now - entries) / PROGRESS_EVERY) {
                progress.accept(now);
            }
        }

        private void refused(WarmEntry entry, String error) {
            try {
                if (entry.ttl().isPresent()) {
                    client.sync().set(entry.key(), entry.value(), SetArgs.Builder.px(entry.ttl().get()));
                } else {
                    client.sync().set(entry.key(), entry.value());
                }
                sample.offerAll(List.of(entry));
                counted(1);
            } catch (RuntimeException retry) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, entry.key() + ": " + error + "; retried: " + retry.getMessage());
            }
        }

        void close() {
            senders.shutdownNow();
            pipes.values().forEach(RespPipe::close);
        }
    }

    /** Configures a {@link CacheWarmer}. */
    public static final class Builder {
        private final SpinelClient client;
        private int parallelism = DEFAULT_PARALLELISM;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int sampleSize = DEFAULT_SAMPLE_SIZE;

        private Builder(SpinelClient client) {
            this.client = client;
        }

        /** Batches in flight at once (default 3). */
        public Builder parallelism(int parallelism) {
            this.parallelism = positive("parallelism", parallelism);
            return this;
        }

        /** Entries per pipelined batch (default 1000; an MSET is never split, so a batch may hold a few more). */
        public Builder batchSize(int batchSize) {
            this.batchSize = positive("batch size", batchSize);
            return this;
        }

        /** Loaded keys read back afterwards (default 1000; 0 checks none). */
        public Builder sampleSize(int sampleSize) {
            if (sampleSize < 0) {
                throw new IllegalArgumentException("the sample size must be at least 0, got " + sampleSize);
            }
            this.sampleSize = sampleSize;
            return this;
        }

        public CacheWarmer build() {
            return new CacheWarmer(this);
        }

        private static int positive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("the " + what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}

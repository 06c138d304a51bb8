package dev.spinel.client.warm;

import dev.spinel.client.connect.SpinelClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Loads entries into any topology as fast as its primaries take them: entries are grouped by
 * the shard that serves them, each group sent as one pipelined batch (many SETs per round trip),
 * a few batches in flight at once. Critical entries are all loaded before the others (so the
 * entries are iterated twice). Afterwards a uniform sample of the loaded keys is read back from
 * the primaries and, where there are replicas, from them.
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
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FLUSH_AGAIN = Duration.ofMillis(50);
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
            for (Iterable<WarmEntry> part : List.of(source.critical(), source.others())) {
                for (WarmEntry entry : part) {
                    loader.add(entry);
                }
                loader.drain();
            }
        } finally {
            loader.close();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<WarmEntry> sampled = sample.entries();
        int onPrimaries = (int) sampled.stream().filter(e -> e.value().equals(client.sync().get(e.key()))).count();
        return new WarmReport(loader.loaded.get(), loader.failed.get(), took, sampled.size(), onPrimaries,
                onReplicas(sampled), loader.firstFailure.get() == null ? "" : loader.firstFailure.get());
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
            int right = 0;
            boolean anyReplica = false;
            for (WarmEntry entry : sampled) {
                while (true) {
                    List<String> values = replicas.values(entry.key());
                    anyReplica |= !values.isEmpty();
                    if (!values.isEmpty() && values.stream().allMatch(entry.value()::equals)) {
                        right++;
                        break;
                    }
                    if (values.isEmpty() || System.nanoTime() > deadline) {
                        break;
                    }
                }
            }
            return anyReplica ? right : -1;
        }
    }

    /** Batches by shard, sent by a few threads, each with a pipelined connection of its own. */
    private final class Loader {
        private final Reservoir sample;
        private final LongConsumer progress;
        private final AtomicLong loaded = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();
        private final Map<String, List<WarmEntry>> pending = new HashMap<>();
        private final ExecutorService senders = Executors.newFixedThreadPool(parallelism);
        private final BlockingQueue<SpinelClient.Pipeline> pipelines = new ArrayBlockingQueue<>(parallelism);
        /** Batches queued or in flight; bounds memory whatever the input's size. */
        private final Semaphore inFlight = new Semaphore(parallelism * 2);
        private final List<Future<?>> sent = new ArrayList<>();

        Loader(Reservoir sample, LongConsumer progress) {
            this.sample = sample;
            this.progress = progress;
            for (int i = 0; i < parallelism; i++) {
                pipelines.add(client.connectPipeline());
            }
        }

        void add(WarmEntry entry) {
            String shard = client.shardOf(entry.key());
            List<WarmEntry> batch = pending.computeIfAbsent(shard, key -> new ArrayList<>());
            batch.add(entry);
            if (batch.size() >= batchSize) {
                pending.remove(shard);
                submit(batch);
            }
        }

        /** Sends what is pending and waits until every batch so far is acknowledged. */
        void drain() {
            pending.values().forEach(this::submit);
            pending.clear();
            for (Future<?> future : sent) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while warming", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a warming batch failed: " + e.getCause(), e.getCause());
                }
            }
            sent.clear();
        }

        private void submit(List<WarmEntry> batch) {
            inFlight.acquireUninterruptibly();
            try {
                sent.add(senders.submit(() -> {
                    try {
                        send(batch);
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

        private void send(List<WarmEntry> batch) throws InterruptedException {
            SpinelClient.Pipeline pipeline = pipelines.take();
            try {
                List<RedisFuture<String>> replies = new ArrayList<>(batch.size());
                for (WarmEntry entry : batch) {
                    replies.add(entry.ttl().isPresent()
                            ? pipeline.async().set(entry.key(), entry.value(), SetArgs.Builder.px(entry.ttl().get()))
                            : pipeline.async().set(entry.key(), entry.value()));
                }
                pipeline.flush();
                // A cluster connection opens a node's connection on first use; commands queued while it
                // opened are sent by the next flush, not by the one before: flush again while replies lag.
                for (RedisFuture<String> reply : replies) {
                    while (!reply.await(FLUSH_AGAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                        pipeline.flush();
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        replies.get(i).get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        sample.offer(batch.get(i));
                        loaded.incrementAndGet();
                    } catch (ExecutionException | TimeoutException e) {
                        failed.incrementAndGet();
                        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                        firstFailure.compareAndSet(null, batch.get(i).key() + ": " + cause);
                    }
                }
                progress.accept(loaded.get());
            } finally {
                pipelines.add(pipeline);
            }
        }

        void close() {
            senders.shutdownNow();
            pipelines.forEach(SpinelClient.Pipeline::close);
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

        /** SETs per pipelined batch (default 1000). */
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

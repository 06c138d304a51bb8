package dev.spinel.client.warm;

import dev.spinel.client.resp.ByteSink;
import dev.spinel.client.shard.ClusterSlots;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Holds each hash slot's entries until there are enough of them for one MSET, then adds that
 * MSET to its shard's next batch. Redis spends less per key on one MSET of several keys than on
 * as many SETs (the command's lookup, slot check, dispatch and reply, and its copy to the replicas
 * and the AOF, are paid once), and a cluster's MSET takes keys of one slot only: with keys spread
 * over the 16,384 slots, holding until a slot has 16 made {@code redis-cli --pipe} 1.14 times as
 * fast (median of six rounds) as grouping windows of 65,536 entries, four per slot on average.
 *
 * <p>The held entries are kept already encoded as RESP bulk strings in one array allocated once,
 * a fixed region per slot, not as objects or an array per slot: a young collection would copy
 * those again and again until they were promoted, and in alternating runs that cost the loader
 * about what the larger MSETs saved the nodes.
 *
 * <p>A key's entries all fall in one slot and a slot's entries keep their order, up to its
 * shard's batches, so a key given twice still ends with its later value. An entry with a time to
 * live is a SET of its own, after its slot's held entries. Not thread-safe.
 */
final class SlotHold {
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MSET = "MSET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PX = "PX".getBytes(StandardCharsets.US_ASCII);
    /**
     * A batch takes no more commands once its encoding is this long: large values must not make a
     * batch of a thousand entries hundreds of megabytes.
     */
    static final int MAX_BATCH_BYTES = 1 << 20;

    private final boolean slotted;
    private final int keysPerCommand;
    private final int regionBytes;
    private final int batchSize;
    private final IntFunction<String> shardOfSlot;
    private final Consumer<WarmBatch> ready;
    /** Each slot's held entries (key then value, as bulk strings), from {@code slot * regionBytes}. */
    private final byte[] held;
    private final int[] heldBytes;
    private final int[] heldCount;
    /** Where each held entry starts within its slot's region, from {@code slot * keysPerCommand}. */
    private final int[] heldAt;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    /**
     * @param slotted        whether entries are grouped by their cluster hash slot; if not (one
     *                       primary holds every key), any entries may share an MSET
     * @param keysPerCommand keys a slot holds before they are sent as one MSET
     * @param regionBytes    bytes a slot holds at most: it is sent sooner when its entries are large
     * @param batchSize      entries a batch gets before it is handed on
     * @param shardOfSlot    the shard that serves a slot
     * @param ready          takes each batch once it is full, or when everything is flushed
     */
    SlotHold(boolean slotted, int keysPerCommand, int regionBytes, int batchSize, IntFunction<String> shardOfSlot,
             Consumer<WarmBatch> ready) {
        int slots = slotted ? ClusterSlots.SLOTS : 1;
        this.slotted = slotted;
        this.keysPerCommand = keysPerCommand;
        this.regionBytes = regionBytes;
        this.batchSize = batchSize;
        this.shardOfSlot = shardOfSlot;
        this.ready = ready;
        this.held = new byte[Math.multiplyExact(slots, regionBytes)];
        this.heldBytes = new int[slots];
        this.heldCount = new int[slots];
        this.heldAt = new int[slots * keysPerCommand];
    }

    /** Adds an entry; a batch it completes is handed on at once. */
    void add(WarmEntry entry) {
        byte[] key = entry.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = entry.value().getBytes(StandardCharsets.UTF_8);
        long ttl = entry.ttl().map(duration -> Math.max(1, duration.toMillis())).orElse(0L);
        add(key, 0, key.length, value, 0, value.length, ttl);
    }

    /** Adds an entry given as UTF-8 bytes (copied), with a time to live in milliseconds (0: none). */
    void add(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength, long ttl) {
        int slot = slotted ? ClusterSlots.slot(key, keyOffset, keyLength) : 0;
        int size = ByteSink.bulkSize(keyLength) + ByteSink.bulkSize(valueLength);
        if (ttl != 0 || size > regionBytes) {
            send(slot);
            pendingFor(slot).single(key, keyOffset, keyLength, value, valueOffset, valueLength, ttl);
            return;
        }
        if (heldBytes[slot] + size > regionBytes) {
            send(slot);
        }
        int start = slot * regionBytes + heldBytes[slot];
        int end = ByteSink.putBulk(held, start, key, keyOffset, keyLength);
        ByteSink.putBulk(held, end, value, valueOffset, valueLength);
        heldAt[slot * keysPerCommand + heldCount[slot]] = heldBytes[slot];
        heldBytes[slot] += size;
        if (++heldCount[slot] == keysPerCommand) {
            send(slot);
        }
    }

    /** Sends every held entry and hands on every batch begun. */
    void flush() {
        for (int slot = 0; slot < heldCount.length; slot++) {
            send(slot);
        }
        for (Pending batch : pending.values()) {
            batch.handOn();
        }
    }

    /** Moves a slot's held entries into its shard's batch, as one command. */
    private void send(int slot) {
        int count = heldCount[slot];
        if (count == 0) {
            return;
        }
        pendingFor(slot).command(slot * regionBytes, heldBytes[slot], count, slot * keysPerCommand);
        heldCount[slot] = 0;
        heldBytes[slot] = 0;
    }

    private Pending pendingFor(int slot) {
        String shard = shardOfSlot.apply(slot);
        Pending batch = pending.get(shard);
        if (batch == null) {
            batch = new Pending(shard);
            pending.put(shard, batch);
        }
        return batch;
    }

    /** One shard's next batch, being filled. */
    private final class Pending {
        private final String shard;
        private final ByteSink sink = new ByteSink();
        private final int[] entryAt = new int[batchSize + keysPerCommand];
        private final long[] ttls = new long[batchSize + keysPerCommand];
        private final int[] commandSizes = new int[batchSize + keysPerCommand];
        private int entries;
        private int commands;

        Pending(String shard) {
            this.shard = shard;
        }

        /** Appends a held slot's {@code count} entries, {@code length} bytes from {@code from}, as one command. */
        void command(int from, int length, int count, int offsetsFrom) {
            sink.writeArrayHeader(1 + 2 * count);
            sink.writeBulk(count > 1 ? MSET : SET);
            int base = sink.size();
            for (int i = 0; i < count; i++) {
                entryAt[entries + i] = base + heldAt[offsetsFrom + i];
                ttls[entries + i] = 0;
            }
            sink.write(held, from, length);
            added(count);
        }

        /** Appends one entry as a SET of its own, with PX when it has a time to live. */
        void single(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength,
                    long ttl) {
            sink.writeArrayHeader(ttl == 0 ? 3 : 5);
            sink.writeBulk(SET);
            entryAt[entries] = sink.size();
            ttls[entries] = ttl;
            sink.writeBulk(key, keyOffset, keyLength);
            sink.writeBulk(value, valueOffset, valueLength);
            if (ttl != 0) {
                sink.writeBulk(PX);
                sink.writeBulk(Long.toString(ttl).getBytes(StandardCharsets.US_ASCII));
            }
            added(1);
        }

        private void added(int count) {
            commandSizes[commands++] = count;
            entries += count;
            if (entries >= batchSize || sink.size() >= MAX_BATCH_BYTES) {
                handOn();
            }
        }

        void handOn() {
            if (entries == 0) {
                return;
            }
            WarmBatch batch = new WarmBatch(shard, sink.drain(), Arrays.copyOf(commandSizes, commands),
                    Arrays.copyOf(entryAt, entries), Arrays.copyOf(ttls, entries));
            entries = 0;
            commands = 0;
            ready.accept(batch);
        }
    }
}

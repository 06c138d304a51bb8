package dev.spinel.client.warm;

import dev.spinel.client.resp.ByteSink;
import dev.spinel.client.shard.ClusterSlots;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * A window of entries, cut into per-shard batches of RESP commands in which the entries of one
 * hash slot travel together: each run of a slot's entries without a time to live becomes one
 * MSET (of at most a cap of keys), an entry with one a SET of its own. Redis spends less per key
 * on one MSET of several keys than on as many SETs: the command's lookup, slot check, dispatch and
 * reply, and its copy to the replicas and the AOF, are paid once (redis-cli --pipe, 1M keys of 100
 * bytes into a 3-shard cluster: SETs 195,000-209,000 keys/s; MSETs grouped by slot over windows of
 * 65,536 entries 224,000-243,000). A cluster's MSET takes keys of one slot only, so the window must
 * be large against the 16,384 slots: a slot gets window / 16,384 entries on average.
 *
 * <p>The window keeps its entries as bytes in arrays it reuses, not as objects: tens of thousands
 * of entries held as objects were copied by every young collection, and cost the loader more CPU
 * than the MSETs saved the nodes.
 *
 * <p>A key's entries all fall in one slot, and a slot's entries keep their input order (a stable
 * counting sort), so a key given twice still ends with its later value. Not thread-safe.
 */
final class SlotWindow {
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MSET = "MSET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PX = "PX".getBytes(StandardCharsets.US_ASCII);
    /**
     * A batch takes no more commands once its encoding is this long, and an MSET no entry that
     * would take its keys and values past it (an entry larger goes alone): large values must not
     * make a batch of a thousand entries, or an MSET of a hundred, hundreds of megabytes.
     */
    static final int MAX_BATCH_BYTES = 1 << 20;

    private final int maxBytes;
    private final int maxKeysPerCommand;
    private final int batchSize;
    private final boolean slotted;
    /**
     * Each entry's key then value, already encoded as two RESP bulk strings: a batch copies each
     * entry whole, and the lengths' digits are written while the entries are read in order, not
     * when they are gathered from all over the window by slot.
     */
    private final ByteSink encoded = new ByteSink();
    private final int[] entryStart;
    private final int[] entryLength;
    private final long[] ttlMillis;
    private final int[] slots;
    private int size;
    private boolean cutting;

    /**
     * @param capacity          entries held before the window is full
     * @param maxBytes          bytes of keys and values (as RESP) held before the window is full, whatever
     *                          the count of entries
     * @param maxKeysPerCommand keys in one MSET at most
     * @param batchSize         entries a batch gets before it is closed (a command is never split,
     *                          so a batch may hold up to {@code maxKeysPerCommand - 1} more)
     * @param slotted           whether entries are grouped by their cluster hash slot; if not
     *                          (one primary holds every key), any entries may share an MSET
     */
    SlotWindow(int capacity, int maxBytes, int maxKeysPerCommand, int batchSize, boolean slotted) {
        this.entryStart = new int[capacity];
        this.entryLength = new int[capacity];
        this.ttlMillis = new long[capacity];
        this.slots = new int[capacity];
        this.maxBytes = maxBytes;
        this.maxKeysPerCommand = maxKeysPerCommand;
        this.batchSize = batchSize;
        this.slotted = slotted;
    }

    /** Adds an entry; true once the window is full. */
    boolean add(WarmEntry entry) {
        byte[] key = entry.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = entry.value().getBytes(StandardCharsets.UTF_8);
        long ttl = entry.ttl().map(duration -> Math.max(1, duration.toMillis())).orElse(0L);
        return add(key, 0, key.length, value, 0, value.length, ttl);
    }

    /** Adds an entry given as UTF-8 bytes (copied), with a time to live in milliseconds (0: none); true once full. */
    boolean add(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength, long ttl) {
        if (cutting) {
            throw new IllegalStateException("the window is being cut");
        }
        int start = encoded.size();
        encoded.writeBulk(key, keyOffset, keyLength);
        encoded.writeBulk(value, valueOffset, valueLength);
        entryStart[size] = start;
        entryLength[size] = encoded.size() - start;
        ttlMillis[size] = ttl;
        slots[size] = slotted ? ClusterSlots.slot(key, keyOffset, keyLength) : 0;
        return ++size == entryStart.length || encoded.size() >= maxBytes;
    }

    /**
     * Cuts the window into batches, each shard's in slot order, the shards taking turns (so that
     * batches of several shards are at hand for the threads that send them). Each batch is encoded
     * as it is asked for; the window takes new entries once the last has been.
     */
    Iterator<WarmBatch> cut(IntFunction<String> shardOfSlot) {
        cutting = size > 0;
        return new Cut(shardOfSlot);
    }

    /** The window's entries ordered by shard, then slot, then input order, and the batches cut from them. */
    private final class Cut implements Iterator<WarmBatch> {
        private final int[] ordered = new int[size];
        private final String[] shards;
        /** Per shard: where its next entry is in {@link #ordered}, and where its entries end. */
        private final int[] next;
        private final int[] end;
        private int turn;
        private int left = size;
        private final ByteSink sink = new ByteSink();
        private final int[] entryAt = new int[batchSize + maxKeysPerCommand];
        private final long[] ttls = new long[batchSize + maxKeysPerCommand];
        private final int[] commandSizes = new int[batchSize + maxKeysPerCommand];

        Cut(IntFunction<String> shardOfSlot) {
            int[] slotStarts = new int[ClusterSlots.SLOTS + 1];
            for (int i = 0; i < size; i++) {
                slotStarts[slots[i] + 1]++;
            }
            // Each slot present is given its shard's index; shards are numbered as first met.
            Map<String, Integer> shardIndex = new HashMap<>();
            int[] shardOf = new int[ClusterSlots.SLOTS];
            int[] shardCounts = new int[ClusterSlots.SLOTS];
            for (int slot = 0; slot < ClusterSlots.SLOTS; slot++) {
                if (slotStarts[slot + 1] > 0) {
                    String shard = shardOfSlot.apply(slot);
                    int index = shardIndex.computeIfAbsent(shard, name -> shardIndex.size());
                    shardOf[slot] = index;
                    shardCounts[index] += slotStarts[slot + 1];
                }
            }
            for (int slot = 1; slot < slotStarts.length; slot++) {
                slotStarts[slot] += slotStarts[slot - 1];
            }
            int[] bySlot = new int[size];
            int[] slotCursors = Arrays.copyOf(slotStarts, ClusterSlots.SLOTS);
            for (int i = 0; i < size; i++) {
                bySlot[slotCursors[slots[i]]++] = i;
            }
            shards = new String[shardIndex.size()];
            shardIndex.forEach((shard, index) -> shards[index] = shard);
            next = new int[shards.length];
            end = new int[shards.length];
            for (int index = 1; index < shards.length; index++) {
                next[index] = next[index - 1] + shardCounts[index - 1];
            }
            int[] shardCursors = next.clone();
            for (int slot = 0; slot < ClusterSlots.SLOTS; slot++) {
                int count = slotStarts[slot + 1] - slotStarts[slot];
                if (count > 0) {
                    System.arraycopy(bySlot, slotStarts[slot], ordered, shardCursors[shardOf[slot]], count);
                    shardCursors[shardOf[slot]] += count;
                }
            }
            System.arraycopy(shardCursors, 0, end, 0, shards.length);
        }

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public WarmBatch next() {
            if (left == 0) {
                throw new NoSuchElementException();
            }
            while (next[turn] == end[turn]) {
                turn = (turn + 1) % shards.length;
            }
            int shard = turn;
            turn = (turn + 1) % shards.length;
            int entries = 0;
            int commands = 0;
            while (entries < batchSize && sink.size() < MAX_BATCH_BYTES && next[shard] < end[shard]) {
                int from = next[shard];
                int first = ordered[from];
                int run = 1;
                long runBytes = bytesOf(first);
                if (ttlMillis[first] == 0) {
                    while (from + run < end[shard] && run < maxKeysPerCommand
                            && slots[ordered[from + run]] == slots[first] && ttlMillis[ordered[from + run]] == 0
                            && runBytes + bytesOf(ordered[from + run]) <= MAX_BATCH_BYTES) {
                        runBytes += bytesOf(ordered[from + run]);
                        run++;
                    }
                }
                encode(from, run, entries);
                commandSizes[commands++] = run;
                entries += run;
                next[shard] += run;
            }
            left -= entries;
            if (left == 0) {
                size = 0;
                encoded.reset();
                cutting = false;
            }
            return new WarmBatch(shards[shard], sink.drain(), Arrays.copyOf(commandSizes, commands),
                    Arrays.copyOf(entryAt, entries), Arrays.copyOf(ttls, entries));
        }

        private long bytesOf(int entry) {
            return entryLength[entry];
        }

        /** Encodes the {@code run} entries from {@code ordered[from]} as one command, noting where each lies. */
        private void encode(int from, int run, int entriesBefore) {
            int first = ordered[from];
            if (run > 1) {
                sink.writeArrayHeader(1 + 2 * run);
                sink.writeBulk(MSET);
            } else {
                sink.writeArrayHeader(ttlMillis[first] == 0 ? 3 : 5);
                sink.writeBulk(SET);
            }
            for (int i = 0; i < run; i++) {
                int entry = ordered[from + i];
                entryAt[entriesBefore + i] = sink.size();
                ttls[entriesBefore + i] = ttlMillis[entry];
                encoded.copyTo(entryStart[entry], entryLength[entry], sink);
            }
            if (run == 1 && ttlMillis[first] != 0) {
                sink.writeBulk(PX);
                sink.writeBulk(Long.toString(ttlMillis[first]).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}

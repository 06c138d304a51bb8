package dev.spinel.client.warm;

import dev.spinel.client.shard.ClusterSlots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A window of entries, cut into per-shard batches in which the entries of one hash slot travel
 * together: each run of a slot's entries without a time to live becomes one MSET (of at most a
 * cap of keys), an entry with one a SET of its own. Redis spends less per key on one MSET of
 * several keys than on as many SETs: the command's lookup, slot check, dispatch and reply, and
 * its copy to the replicas and the AOF, are paid once (redis-cli --pipe, 1M keys of 100 bytes into
 * a 3-shard cluster: SETs 195,000-209,000 keys/s; MSETs grouped by slot over windows of 65,536
 * entries 224,000-243,000). A cluster's MSET takes keys of one slot only, so the window must be
 * large against the 16,384 slots: a slot gets window / 16,384 entries on average.
 *
 * <p>A key's entries all fall in one slot, and a slot's entries keep their input order (a stable
 * counting sort), so a key given twice still ends with its later value. Not thread-safe.
 */
final class SlotWindow {
    private final WarmEntry[] entries;
    private final int[] slots;
    private final int maxKeysPerCommand;
    private final int batchSize;
    /** Where each slot's entries start in the sorted window, and one past the last slot's end. */
    private final int[] slotStarts = new int[ClusterSlots.SLOTS + 1];
    private final int[] slotCursors = new int[ClusterSlots.SLOTS];
    private int size;

    /**
     * @param capacity          entries held before the window is full
     * @param maxKeysPerCommand keys in one MSET at most
     * @param batchSize         entries a batch gets before it is closed (a command is never split,
     *                          so a batch may hold up to {@code maxKeysPerCommand - 1} more)
     */
    SlotWindow(int capacity, int maxKeysPerCommand, int batchSize) {
        this.entries = new WarmEntry[capacity];
        this.slots = new int[capacity];
        this.maxKeysPerCommand = maxKeysPerCommand;
        this.batchSize = batchSize;
    }

    /** Adds an entry of {@code slot} (0 for every entry where there are no slots); true once the window is full. */
    boolean add(WarmEntry entry, int slot) {
        entries[size] = entry;
        slots[size++] = slot;
        return size == entries.length;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Empties the window into batches, each shard's in slot order, the shards taking turns in the
     * list (so that batches of several shards are at hand for the threads that send them).
     */
    List<WarmBatch> cut(IntFunction<String> shardOfSlot) {
        WarmEntry[] sorted = sortBySlot();
        Map<String, ShardBatches> byShard = new LinkedHashMap<>();
        for (int slot = 0; slot < ClusterSlots.SLOTS; slot++) {
            int from = slotStarts[slot];
            int to = slotStarts[slot + 1];
            if (from == to) {
                continue;
            }
            ShardBatches shard = byShard.computeIfAbsent(shardOfSlot.apply(slot), ShardBatches::new);
            while (from < to) {
                int end = from + 1;
                if (sorted[from].ttl().isEmpty()) {
                    while (end < to && end - from < maxKeysPerCommand && sorted[end].ttl().isEmpty()) {
                        end++;
                    }
                }
                shard.addCommand(sorted, from, end);
                from = end;
            }
        }
        Arrays.fill(entries, 0, size, null);
        size = 0;
        return takingTurns(byShard.values());
    }

    /** The window's entries ordered by slot, each slot's in input order; fills {@link #slotStarts}. */
    private WarmEntry[] sortBySlot() {
        Arrays.fill(slotStarts, 0);
        for (int i = 0; i < size; i++) {
            slotStarts[slots[i] + 1]++;
        }
        for (int slot = 1; slot < slotStarts.length; slot++) {
            slotStarts[slot] += slotStarts[slot - 1];
        }
        System.arraycopy(slotStarts, 0, slotCursors, 0, slotCursors.length);
        WarmEntry[] sorted = new WarmEntry[size];
        for (int i = 0; i < size; i++) {
            sorted[slotCursors[slots[i]]++] = entries[i];
        }
        return sorted;
    }

    private static List<WarmBatch> takingTurns(Iterable<ShardBatches> shards) {
        List<List<WarmBatch>> each = new ArrayList<>();
        int total = 0;
        for (ShardBatches shard : shards) {
            each.add(shard.finish());
            total += each.getLast().size();
        }
        List<WarmBatch> turns = new ArrayList<>(total);
        for (int round = 0; turns.size() < total; round++) {
            for (List<WarmBatch> batches : each) {
                if (round < batches.size()) {
                    turns.add(batches.get(round));
                }
            }
        }
        return turns;
    }

    /** One shard's batches as they are cut. */
    private final class ShardBatches {
        private final String shard;
        private final List<WarmBatch> done = new ArrayList<>();
        private List<WarmEntry> entries = new ArrayList<>();
        private int[] commandSizes = new int[16];
        private int commands;

        ShardBatches(String shard) {
            this.shard = shard;
        }

        void addCommand(WarmEntry[] sorted, int from, int to) {
            entries.addAll(Arrays.asList(sorted).subList(from, to));
            if (commands == commandSizes.length) {
                commandSizes = Arrays.copyOf(commandSizes, commands * 2);
            }
            commandSizes[commands++] = to - from;
            if (entries.size() >= batchSize) {
                close();
            }
        }

        List<WarmBatch> finish() {
            if (!entries.isEmpty()) {
                close();
            }
            return done;
        }

        private void close() {
            done.add(new WarmBatch(shard, entries, Arrays.copyOf(commandSizes, commands)));
            entries = new ArrayList<>();
            commands = 0;
        }
    }
}

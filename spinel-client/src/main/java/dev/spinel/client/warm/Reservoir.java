package dev.spinel.client.warm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * A uniform random sample of fixed size from a stream of unknown length, fed by several threads
 * a batch at a time. Li's algorithm L: once the sample is full it draws how many entries to skip
 * before the next one it keeps, so a batch that holds none of those costs one comparison, not a
 * random draw per entry (which was a quarter of a load's reply threads, under this lock).
 * Seeded, so a run can be repeated.
 */
final class Reservoir {
    private final int size;
    private final List<WarmEntry> kept = new ArrayList<>();
    private final Random random;
    /** Entries offered so far. */
    private long seen;
    /** Index, counted from 0 over all entries offered, of the next one to keep once the sample is full. */
    private long next;
    /** Algorithm L's W: the largest random key among the kept entries (each entry is given a uniform one). */
    private double weight;

    Reservoir(int size) {
        this(size, new Random(20261128L));
    }

    Reservoir(int size, Random random) {
        this.size = size;
        this.random = random;
    }

    /** Offers each entry in turn, under one lock. */
    void offerAll(List<WarmEntry> entries) {
        offer(entries.size(), entries::get);
    }

    /**
     * Offers {@code count} entries in turn, under one lock: readers offer a whole batch at a time.
     * {@code entryAt} is asked only for the entries kept.
     */
    synchronized void offer(int count, IntFunction<WarmEntry> entryAt) {
        if (size == 0) {
            return;
        }
        int index = 0;
        while (index < count && kept.size() < size) {
            kept.add(entryAt.apply(index++));
            seen++;
            if (kept.size() == size) {
                weight = Math.exp(Math.log(uniform()) / size);
                next = seen + skip();
            }
        }
        if (kept.size() < size) {
            return;
        }
        while (index < count) {
            long before = next - seen;
            if (before >= count - index) {
                seen += count - index;
                return;
            }
            index += (int) before;
            kept.set(random.nextInt(size), entryAt.apply(index++));
            seen = next + 1;
            weight *= Math.exp(Math.log(uniform()) / size);
            next = seen + skip();
        }
    }

    /** How many entries to pass over before the next one kept: geometric, with the current weight. */
    private long skip() {
        double entries = Math.floor(Math.log(uniform()) / Math.log1p(-weight));
        // A weight that underflowed to 0 makes the skip infinite or NaN: in practice, keep nothing more.
        return Double.isNaN(entries) || entries > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) entries;
    }

    /** Uniform in (0, 1]: never 0, whose logarithm would be infinite. */
    private double uniform() {
        return 1.0 - random.nextDouble();
    }

    synchronized List<WarmEntry> entries() {
        return List.copyOf(kept);
    }
}

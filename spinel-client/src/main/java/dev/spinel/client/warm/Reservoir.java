package dev.spinel.client.warm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A uniform random sample of fixed size from a stream of unknown length (Vitter's algorithm R),
 * fed by several threads. Seeded, so a run can be repeated.
 */
final class Reservoir {
    private final int size;
    private final List<WarmEntry> kept = new ArrayList<>();
    private final Random random = new Random(20261128L);
    private long seen;

    Reservoir(int size) {
        this.size = size;
    }

    /** Offers each entry in turn, under one lock: readers offer a whole batch at a time. */
    synchronized void offerAll(List<WarmEntry> entries) {
        for (WarmEntry entry : entries) {
            offer(entry);
        }
    }

    private void offer(WarmEntry entry) {
        seen++;
        if (kept.size() < size) {
            kept.add(entry);
            return;
        }
        long slot = (long) (random.nextDouble() * seen);
        if (slot < size) {
            kept.set((int) slot, entry);
        }
    }

    synchronized List<WarmEntry> entries() {
        return List.copyOf(kept);
    }
}

package dev.spinel.ops.topology;

/** An inclusive range of Redis Cluster hash slots, as in CLUSTER ADDSLOTSRANGE. */
public record SlotRange(int first, int last) {
    public static final int SLOT_COUNT = 16_384;

    public SlotRange {
        if (first < 0 || last >= SLOT_COUNT || first > last) {
            throw new IllegalArgumentException("bad slot range " + first + "-" + last);
        }
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}

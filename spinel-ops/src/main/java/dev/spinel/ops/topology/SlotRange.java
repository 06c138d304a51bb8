package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

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

    /** {@code 5461-10922} or {@code 42}, as {@link #toString()} writes them and CLUSTER NODES shows them. */
    public static SlotRange parse(String text) {
        String[] ends = text.strip().split("-", 2);
        try {
            int first = Integer.parseInt(ends[0]);
            return new SlotRange(first, ends.length == 1 ? first : Integer.parseInt(ends[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad slot range " + text, e);
        }
    }

    /** The slots of {@code ranges} that are not in {@code taken}, as ranges. */
    public static List<SlotRange> minus(List<SlotRange> ranges, List<SlotRange> taken) {
        BitSet slots = toBits(ranges);
        slots.andNot(toBits(taken));
        return toRanges(slots);
    }

    /** Whether both lists hold the same slots, however they are split into ranges. */
    public static boolean sameSlots(List<SlotRange> a, List<SlotRange> b) {
        return toBits(a).equals(toBits(b));
    }

    static BitSet toBits(List<SlotRange> ranges) {
        BitSet bits = new BitSet(SLOT_COUNT);
        ranges.forEach(range -> bits.set(range.first(), range.last() + 1));
        return bits;
    }

    static List<SlotRange> toRanges(BitSet bits) {
        List<SlotRange> ranges = new ArrayList<>();
        for (int first = bits.nextSetBit(0); first >= 0; ) {
            int end = bits.nextClearBit(first);
            ranges.add(new SlotRange(first, end - 1));
            first = bits.nextSetBit(end);
        }
        return ranges;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}

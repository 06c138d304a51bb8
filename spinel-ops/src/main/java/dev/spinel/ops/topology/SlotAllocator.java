package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the 16384 slots over the primaries the way {@code redis-cli --cluster create} does, so a
 * Spinel cluster looks like any other: 3 shards get 0-5460, 5461-10922 and 10923-16383.
 */
public final class SlotAllocator {
    private SlotAllocator() {
    }

    public static List<SlotRange> split(int shards) {
        if (shards < 1 || shards > SlotRange.SLOT_COUNT) {
            throw new IllegalArgumentException("cannot split slots over " + shards + " shards");
        }
        double perShard = (double) SlotRange.SLOT_COUNT / shards;
        List<SlotRange> ranges = new ArrayList<>(shards);
        int first = 0;
        double cursor = 0;
        for (int shard = 0; shard < shards; shard++) {
            int last = shard == shards - 1 ? SlotRange.SLOT_COUNT - 1 : (int) Math.round(cursor + perShard - 1);
            ranges.add(new SlotRange(first, last));
            first = last + 1;
            cursor += perShard;
        }
        return ranges;
    }
}

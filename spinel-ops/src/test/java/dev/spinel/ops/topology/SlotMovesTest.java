package dev.spinel.ops.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotMovesTest {

    private static Map<String, List<SlotRange>> formedWith(int shards) {
        Map<String, List<SlotRange>> owned = new LinkedHashMap<>();
        List<SlotRange> split = SlotAllocator.split(shards);
        for (int i = 0; i < shards; i++) {
            owned.put("n" + i, List.of(split.get(i)));
        }
        return owned;
    }

    /** The ownership after the plan's moves, checked for overlaps and lost slots on the way. */
    private static Map<String, Integer> apply(Map<String, List<SlotRange>> owned, SlotMoves.Plan plan) {
        Map<String, java.util.BitSet> bits = new HashMap<>();
        owned.forEach((id, slots) -> bits.put(id, SlotRange.toBits(slots)));
        for (SlotMoves.Move move : plan.moves()) {
            java.util.BitSet from = bits.get(move.fromId());
            for (int slot = move.slots().first(); slot <= move.slots().last(); slot++) {
                assertThat(from.get(slot)).as("slot " + slot + " held by " + move.fromId()).isTrue();
                from.clear(slot);
                bits.get(move.toId()).set(slot);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        bits.forEach((id, b) -> counts.put(id, b.cardinality()));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SlotRange.SLOT_COUNT);
        return counts;
    }

    @Test
    void anEmptyFourthPrimaryGetsAQuarterAndOnlyThatQuarterMoves() {
        Map<String, List<SlotRange>> owned = formedWith(3);
        owned.put("n3", List.of());
        SlotMoves.Plan plan = SlotMoves.plan(owned, Map.of(), SlotMoves.DEFAULT_THRESHOLD_PERCENT);
        assertThat(plan.slotsMoved()).isEqualTo(4096);
        assertThat(plan.moves()).allMatch(move -> move.toId().equals("n3"));
        assertThat(apply(owned, plan)).containsEntry("n0", 4096).containsEntry("n1", 4096)
                .containsEntry("n2", 4096).containsEntry("n3", 4096);
        // Each donor gives one contiguous range from its top.
        assertThat(plan.moves()).hasSize(3);
        assertThat(plan.moves()).anyMatch(move -> move.fromId().equals("n0") && move.slots().last() == 5460);
    }

    @Test
    void aPrimaryOfWeightZeroIsDrainedIntoTheOthers() {
        Map<String, List<SlotRange>> owned = formedWith(4);
        SlotMoves.Plan plan = SlotMoves.plan(owned, Map.of("n3", 0.0), SlotMoves.DEFAULT_THRESHOLD_PERCENT);
        Map<String, Integer> after = apply(owned, plan);
        assertThat(after.get("n3")).isZero();
        assertThat(after.values().stream().filter(c -> c > 0)).allMatch(c -> c == 5461 || c == 5462);
        assertThat(plan.moves()).allMatch(move -> move.fromId().equals("n3"));
        assertThat(plan.slotsMoved()).isEqualTo(4096);
    }

    @Test
    void weightsSetShares() {
        Map<String, List<SlotRange>> owned = formedWith(2);
        SlotMoves.Plan plan = SlotMoves.plan(owned, Map.of("n0", 3.0), 0);
        assertThat(plan.targets()).containsEntry("n0", 12288).containsEntry("n1", 4096);
        assertThat(apply(owned, plan)).containsEntry("n0", 12288);
    }

    @Test
    void aClusterWithinTheThresholdIsLeftAlone() {
        Map<String, List<SlotRange>> owned = new LinkedHashMap<>();
        owned.put("a", List.of(new SlotRange(0, 8250)));
        owned.put("b", List.of(new SlotRange(8251, 16383)));
        assertThat(SlotMoves.plan(owned, Map.of(), SlotMoves.DEFAULT_THRESHOLD_PERCENT).moves()).isEmpty();
        assertThat(SlotMoves.plan(owned, Map.of(), 0).slotsMoved()).isEqualTo(59);
    }

    @Test
    void scatteredOwnershipStillEndsEven() {
        Map<String, List<SlotRange>> owned = new LinkedHashMap<>();
        owned.put("a", List.of(new SlotRange(0, 99), new SlotRange(200, 9999)));
        owned.put("b", List.of(new SlotRange(100, 199), new SlotRange(10000, 10100)));
        owned.put("c", List.of(new SlotRange(10101, 16383)));
        Map<String, Integer> after = apply(owned, SlotMoves.plan(owned, Map.of(), 0));
        assertThat(after.values()).allMatch(c -> c == 5461 || c == 5462);
    }

    @Test
    void allWeightsZeroIsRefused() {
        assertThatThrownBy(() -> SlotMoves.plan(formedWith(2), Map.of("n0", 0.0, "n1", 0.0), 2))
                .hasMessageContaining("every primary weighs 0");
    }
}

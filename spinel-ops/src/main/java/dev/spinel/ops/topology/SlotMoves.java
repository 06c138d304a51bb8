package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a rebalance: which slots move from which primary to which, so each primary ends up with
 * its weight's share of the 16384 slots while as few slots as possible move (as
 * {@code redis-cli --cluster rebalance} does). A primary of weight 0 is drained. Pure: it sees
 * slot ownership by node id and returns moves; {@code form.Rebalance} carries them out.
 */
public final class SlotMoves {
    /** Skip a rebalance in which no primary is further than this from its share, as redis-cli's default. */
    public static final double DEFAULT_THRESHOLD_PERCENT = 2.0;

    private SlotMoves() {
    }

    /** Slots {@code slots} move from primary {@code fromId} to primary {@code toId}. */
    public record Move(String fromId, String toId, SlotRange slots) {
    }

    /**
     * The plan: each primary's share and the moves that reach it (empty when balanced within the
     * threshold).
     */
    public record Plan(Map<String, Integer> targets, List<Move> moves) {
        public Plan {
            targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
            moves = List.copyOf(moves);
        }

        public int slotsMoved() {
            return moves.stream().mapToInt(move -> move.slots().size()).sum();
        }
    }

    /**
     * @param owned   the slots each primary serves, by node id; every primary to balance over must
     *                be present, a new one with no slots
     * @param weights each primary's weight; a missing one weighs 1
     */
    public static Plan plan(Map<String, List<SlotRange>> owned, Map<String, Double> weights,
                            double thresholdPercent) {
        Map<String, Integer> targets = targets(owned.keySet().stream().toList(), weights);
        Map<String, Integer> counts = new LinkedHashMap<>();
        owned.forEach((id, slots) -> counts.put(id, slots.stream().mapToInt(SlotRange::size).sum()));
        if (withinThreshold(counts, targets, thresholdPercent)) {
            return new Plan(targets, List.of());
        }
        List<String> donors = new ArrayList<>(owned.keySet().stream()
                .filter(id -> counts.get(id) > targets.get(id)).toList());
        List<String> takers = new ArrayList<>(owned.keySet().stream()
                .filter(id -> counts.get(id) < targets.get(id)).toList());
        donors.sort(Comparator.comparingInt((String id) -> targets.get(id) - counts.get(id)));
        takers.sort(Comparator.comparingInt((String id) -> counts.get(id) - targets.get(id)));

        List<Move> moves = new ArrayList<>();
        for (String donor : donors) {
            BitSet slots = SlotRange.toBits(owned.get(donor));
            int surplus = counts.get(donor) - targets.get(donor);
            for (String taker : takers) {
                int need = targets.get(taker) - counts.get(taker);
                int give = Math.min(surplus, need);
                if (give <= 0) {
                    continue;
                }
                // From the donor's highest slots down, so both keep few, contiguous ranges.
                BitSet given = new BitSet(SlotRange.SLOT_COUNT);
                for (int slot = slots.previousSetBit(SlotRange.SLOT_COUNT - 1), n = 0; n < give;
                     slot = slots.previousSetBit(slot - 1), n++) {
                    given.set(slot);
                    slots.clear(slot);
                }
                for (SlotRange range : SlotRange.toRanges(given)) {
                    moves.add(new Move(donor, taker, range));
                }
                counts.merge(taker, give, Integer::sum);
                counts.merge(donor, -give, Integer::sum);
                surplus -= give;
            }
        }
        return new Plan(targets, moves);
    }

    /**
     * Each primary's share: slots times weight over total weight, rounded down, the remainder one
     * slot each to the primaries in the order given.
     */
    static Map<String, Integer> targets(List<String> ids, Map<String, Double> weights) {
        double total = ids.stream().mapToDouble(id -> weight(weights, id)).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("every primary weighs 0: the slots need somewhere to go");
        }
        Map<String, Integer> targets = new LinkedHashMap<>();
        int given = 0;
        for (String id : ids) {
            int share = (int) Math.floor(SlotRange.SLOT_COUNT * weight(weights, id) / total);
            targets.put(id, share);
            given += share;
        }
        for (String id : ids) {
            if (given == SlotRange.SLOT_COUNT) {
                break;
            }
            if (weight(weights, id) > 0) {
                targets.merge(id, 1, Integer::sum);
                given++;
            }
        }
        return targets;
    }

    private static double weight(Map<String, Double> weights, String id) {
        double weight = weights.getOrDefault(id, 1.0);
        if (weight < 0 || Double.isNaN(weight)) {
            throw new IllegalArgumentException("weight of " + id + " must be 0 or more, got " + weight);
        }
        return weight;
    }

    /** Balanced enough: every primary within the threshold of its share, and none to be drained holds slots. */
    private static boolean withinThreshold(Map<String, Integer> counts, Map<String, Integer> targets,
                                           double thresholdPercent) {
        for (var entry : targets.entrySet()) {
            int count = counts.get(entry.getKey());
            int target = entry.getValue();
            if (target == 0 ? count > 0 : Math.abs(count - target) * 100.0 / target > thresholdPercent) {
                return false;
            }
        }
        return true;
    }
}

package dev.spinel.ops.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlotRangeTest {
    @Test
    void slotsAlreadyTakenAreLeftOutOfTheRangesStillToAdd() {
        List<SlotRange> planned = List.of(new SlotRange(0, 5460));
        List<SlotRange> claimed = List.of(new SlotRange(0, 0), new SlotRange(3168, 3168), new SlotRange(5460, 5460),
                new SlotRange(9000, 9001));
        assertThat(SlotRange.minus(planned, claimed))
                .containsExactly(new SlotRange(1, 3167), new SlotRange(3169, 5459));
        assertThat(SlotRange.minus(planned, planned)).isEmpty();
    }

    @Test
    void rangesParseAsClusterNodesPrintsThemAndCompareBySlots() {
        assertThat(SlotRange.parse("5461-10922")).isEqualTo(new SlotRange(5461, 10922));
        assertThat(SlotRange.parse("42")).isEqualTo(new SlotRange(42, 42));
        assertThat(SlotRange.sameSlots(List.of(new SlotRange(0, 9), new SlotRange(10, 20)), List.of(new SlotRange(0, 20))))
                .isTrue();
        assertThat(SlotRange.sameSlots(List.of(new SlotRange(0, 9)), List.of(new SlotRange(0, 10)))).isFalse();
        assertThatThrownBy(() -> SlotRange.parse("a-b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlotRange.parse("10-2")).isInstanceOf(IllegalArgumentException.class);
    }
}

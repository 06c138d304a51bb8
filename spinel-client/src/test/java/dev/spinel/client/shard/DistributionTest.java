package dev.spinel.client.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void countsEveryShardAndMeasuresTheSpread() {
        // 6 keys: shard x gets 3, y gets 3, z gets none; the mean is 2.
        List<String> keys = List.of("x1", "x2", "x3", "y1", "y2", "y3");
        Distribution<String> spread = Distribution.of(keys, List.of("x", "y", "z"), key -> key.substring(0, 1));
        assertThat(spread.keysPerShard()).containsExactly(java.util.Map.entry("x", 3L), java.util.Map.entry("y", 3L),
                java.util.Map.entry("z", 0L));
        assertThat(spread.maxDeviation()).isCloseTo(1.0, within(1e-9));
        assertThat(spread.relativeStdDev()).isCloseTo(Math.sqrt(2.0) / 2, within(1e-9));
        assertThat(Distribution.movedShare(keys, key -> key.substring(0, 1), key -> key.startsWith("x1") ? "z"
                : key.substring(0, 1))).isCloseTo(1 / 6.0, within(1e-9));
    }

    @Test
    void aPlacementOutsideTheShardsIsRefused() {
        assertThatThrownBy(() -> Distribution.of(List.of("k"), List.of("a"), key -> "b"))
                .hasMessageContaining("not one of [a]");
    }
}

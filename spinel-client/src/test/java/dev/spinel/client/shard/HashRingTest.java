package dev.spinel.client.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashRingTest {
    private static final List<String> KEYS = IntStream.range(0, 100_000).mapToObj(i -> "user:" + i + ":session").toList();

    @Test
    void everyKeyHasOneOwnerAndTheSameRingAlwaysAgrees() {
        HashRing<String> ring = HashRing.of(List.of("redis-a", "redis-b", "redis-c"));
        HashRing<String> again = HashRing.of(List.of("redis-c", "redis-a", "redis-b"));
        for (String key : KEYS.subList(0, 10_000)) {
            assertThat(ring.nodeFor(key)).isIn(ring.nodes()).isEqualTo(again.nodeFor(key));
        }
    }

    @Test
    void threeNodesShareTheKeysEvenly() {
        HashRing<String> ring = HashRing.of(List.of("redis-a", "redis-b", "redis-c"));
        Distribution<String> spread = Distribution.of(KEYS, ring.nodes(), ring::nodeFor);
        System.out.println("3 nodes, 100000 keys: " + spread);
        assertThat(spread.keysPerShard()).hasSize(3).allSatisfy((node, keys) -> assertThat(keys).isPositive());
        assertThat(spread.maxDeviation()).as("largest distance from an even share").isLessThan(0.15);
    }

    @Test
    void aFourthNodeTakesAboutAQuarterAndOnlyKeysThatMoveToIt() {
        HashRing<String> three = HashRing.of(List.of("redis-a", "redis-b", "redis-c"));
        HashRing<String> four = three.with("redis-d");
        double moved = Distribution.movedShare(KEYS, three::nodeFor, four::nodeFor);
        System.out.println("adding a 4th node moved " + moved);
        assertThat(moved).isBetween(0.15, 0.35);
        for (String key : KEYS) {
            if (!three.nodeFor(key).equals(four.nodeFor(key))) {
                assertThat(four.nodeFor(key)).as(key).isEqualTo("redis-d");
            }
        }
    }

    @Test
    void removingANodeMovesOnlyItsOwnKeys() {
        HashRing<String> four = HashRing.of(List.of("redis-a", "redis-b", "redis-c", "redis-d"));
        HashRing<String> three = four.without("redis-b");
        long owned = KEYS.stream().filter(key -> four.nodeFor(key).equals("redis-b")).count();
        double moved = Distribution.movedShare(KEYS, four::nodeFor, three::nodeFor);
        assertThat(moved).isEqualTo(owned / (double) KEYS.size());
        assertThat(KEYS).allSatisfy(key -> assertThat(three.nodeFor(key)).isNotEqualTo("redis-b"));
    }

    @Test
    void badRingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> HashRing.of(List.of())).hasMessageContaining("at least one node");
        assertThatThrownBy(() -> HashRing.of(List.of("a", "a"))).hasMessageContaining("same points");
        assertThatThrownBy(() -> HashRing.of(List.of("a")).without("b")).hasMessageContaining("b is not on the ring");
    }
}

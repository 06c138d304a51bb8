package dev.spinel.client.warm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotWindowTest {
    private static final Optional<Duration> TTL = Optional.of(Duration.ofSeconds(60));

    @Test
    void aSlotsEntriesBecomeMsetsOfAtMostTheCapInInputOrder() {
        SlotWindow window = new SlotWindow(5, 2, 1000);
        List<WarmEntry> entries = List.of(WarmEntry.of("a", "0"), WarmEntry.of("b", "1"), WarmEntry.of("c", "2"),
                WarmEntry.of("d", "3"), WarmEntry.of("e", "4"));
        int[] slots = {5, 3, 5, 3, 5};
        for (int i = 0; i < 4; i++) {
            assertThat(window.add(entries.get(i), slots[i])).isFalse();
        }
        assertThat(window.add(entries.get(4), slots[4])).as("full at its capacity").isTrue();

        List<WarmBatch> batches = window.cut(slot -> "only");
        assertThat(window.isEmpty()).isTrue();
        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().entries()).extracting(WarmEntry::key).containsExactly("b", "d", "a", "c", "e");
        assertThat(batches.getFirst().commandSizes()).containsExactly(2, 2, 1);
    }

    @Test
    void anEntryWithATimeToLiveIsASetOfItsOwnBetweenMsetsOfTheOthers() {
        SlotWindow window = new SlotWindow(10, 100, 1000);
        window.add(WarmEntry.of("a", "0"), 1);
        window.add(new WarmEntry("b", "1", TTL, false), 1);
        window.add(WarmEntry.of("c", "2"), 1);
        window.add(WarmEntry.of("d", "3"), 1);

        WarmBatch batch = window.cut(slot -> "only").getFirst();
        assertThat(batch.entries()).extracting(WarmEntry::key).containsExactly("a", "b", "c", "d");
        assertThat(batch.commandSizes()).containsExactly(1, 1, 2);
    }

    @Test
    void randomWindowsKeepEveryEntryOnceInItsShardWithEachSlotsOrderAndBatchesOfTheirSize() {
        Random random = new Random(29);
        int cap = 7;
        int batchSize = 20;
        for (int round = 0; round < 200; round++) {
            int capacity = 1 + random.nextInt(600);
            int slotsUsed = 1 + random.nextInt(40);
            SlotWindow window = new SlotWindow(capacity, cap, batchSize);
            Map<WarmEntry, Integer> slotOf = new HashMap<>();
            List<WarmEntry> input = new ArrayList<>();
            int count = 1 + random.nextInt(capacity);
            for (int i = 0; i < count; i++) {
                // Keys repeat, as a file may give one twice; each entry's value is its own.
                WarmEntry entry = new WarmEntry("k" + random.nextInt(count), "v" + i,
                        random.nextInt(10) == 0 ? TTL : Optional.empty(), false);
                int slot = random.nextInt(slotsUsed) * 401;
                slotOf.put(entry, slot);
                input.add(entry);
                assertThat(window.add(entry, slot)).isEqualTo(i == capacity - 1);
            }
            List<WarmBatch> batches = window.cut(slot -> "shard-" + slot % 3);

            Map<String, List<WarmBatch>> byShard = new LinkedHashMap<>();
            List<WarmEntry> output = new ArrayList<>();
            for (WarmBatch batch : batches) {
                byShard.computeIfAbsent(batch.shard(), shard -> new ArrayList<>()).add(batch);
                output.addAll(batch.entries());
                assertThat(batch.entries()).allSatisfy(entry ->
                        assertThat("shard-" + slotOf.get(entry) % 3).isEqualTo(batch.shard()));
                int first = 0;
                for (int size : batch.commandSizes()) {
                    List<WarmEntry> command = batch.entries().subList(first, first + size);
                    if (size > 1) {
                        assertThat(size).isLessThanOrEqualTo(cap);
                        assertThat(command).allSatisfy(entry -> assertThat(entry.ttl()).isEmpty());
                        assertThat(command.stream().map(slotOf::get).distinct()).hasSize(1);
                    }
                    first += size;
                }
                assertThat(first).isEqualTo(batch.entries().size());
            }
            assertThat(output).containsExactlyInAnyOrderElementsOf(input);
            // The shards take turns: each batch's shard differs from the one before while others have batches left.
            List<String> firstRound = batches.subList(0, byShard.size()).stream().map(WarmBatch::shard).toList();
            assertThat(firstRound).doesNotHaveDuplicates();
            for (List<WarmBatch> shardBatches : byShard.values()) {
                for (int i = 0; i < shardBatches.size() - 1; i++) {
                    assertThat(shardBatches.get(i).entries().size()).isBetween(batchSize, batchSize + cap - 1);
                }
                List<WarmEntry> sent = shardBatches.stream().flatMap(batch -> batch.entries().stream()).toList();
                for (int slot : slotOf.values().stream().distinct().toList()) {
                    assertThat(sent.stream().filter(entry -> slotOf.get(entry) == slot).toList())
                            .as("slot %d keeps its input order", slot)
                            .isEqualTo(input.stream().filter(entry -> slotOf.get(entry) == slot
                                    && sent.contains(entry)).toList());
                }
            }
        }
    }
}

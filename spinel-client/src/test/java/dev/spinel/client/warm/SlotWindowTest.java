package dev.spinel.client.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.shard.ClusterSlots;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlotWindowTest {
    private static final Optional<Duration> TTL = Optional.of(Duration.ofSeconds(60));

    @Test
    void aSlotsEntriesBecomeMsetsOfAtMostTheCapInInputOrder() {
        // Standalone: every entry may share an MSET.
        SlotWindow window = new SlotWindow(5, 1 << 20, 2, 1000, false);
        for (int i = 0; i < 4; i++) {
            assertThat(window.add(WarmEntry.of("k" + i, "v" + i))).isFalse();
        }
        assertThat(window.add(WarmEntry.of("k4", "v4"))).as("full at its capacity").isTrue();

        List<WarmBatch> batches = all(window.cut(slot -> "only"));
        assertThat(window.cut(slot -> "only").hasNext()).as("the window is empty once cut").isFalse();
        assertThat(batches).hasSize(1);
        assertThat(commands(batches.getFirst())).containsExactly(List.of("MSET", "k0", "v0", "k1", "v1"),
                List.of("MSET", "k2", "v2", "k3", "v3"), List.of("SET", "k4", "v4"));
    }

    @Test
    void anEntryWithATimeToLiveIsASetOfItsOwnBetweenMsetsOfTheOthers() {
        SlotWindow window = new SlotWindow(10, 1 << 20, 100, 1000, true);
        window.add(WarmEntry.of("{t}a", "0"));
        window.add(new WarmEntry("{t}b", "1", TTL, false));
        window.add(WarmEntry.of("{t}c", "2"));
        window.add(WarmEntry.of("{t}d", "3"));

        WarmBatch batch = all(window.cut(slot -> "only")).getFirst();
        assertThat(commands(batch)).containsExactly(List.of("SET", "{t}a", "0"),
                List.of("SET", "{t}b", "1", "PX", "60000"), List.of("MSET", "{t}c", "2", "{t}d", "3"));
        assertThat(batch.entry(1)).isEqualTo(new WarmEntry("{t}b", "1", TTL, false));
        assertThat(batch.entry(3)).isEqualTo(WarmEntry.of("{t}d", "3"));
    }

    @Test
    void entriesGivenAsBytesAmidOtherBytesAreCutAsTheSameEntriesGivenAsObjects() {
        SlotWindow asObjects = new SlotWindow(100, 1 << 20, 100, 1000, true);
        SlotWindow asBytes = new SlotWindow(100, 1 << 20, 100, 1000, true);
        Random random = new Random(5);
        for (int i = 0; i < 60; i++) {
            // Braces around the key in the buffer: only the key's own hash tag may decide its slot.
            String key = (random.nextBoolean() ? "{t" + random.nextInt(3) + "}" : "k") + i;
            String value = "v\u00e9" + i;
            long ttl = i % 7 == 0 ? 60_000 : 0;
            asObjects.add(new WarmEntry(key, value, ttl == 0 ? Optional.empty() : TTL, false));
            byte[] line = ("{x}" + key + "|" + value + "}").getBytes(StandardCharsets.UTF_8);
            int keyLength = key.getBytes(StandardCharsets.UTF_8).length;
            asBytes.add(line, 3, keyLength, line, 3 + keyLength + 1, line.length - keyLength - 5, ttl);
        }
        List<WarmBatch> expected = all(asObjects.cut(slot -> "shard-" + slot % 3));
        List<WarmBatch> actual = all(asBytes.cut(slot -> "shard-" + slot % 3));
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).shard()).isEqualTo(expected.get(i).shard());
            assertThat(actual.get(i).commands()).isEqualTo(expected.get(i).commands());
            assertThat(actual.get(i).commandSizes()).isEqualTo(expected.get(i).commandSizes());
        }
    }

    @Test
    void theWindowTakesNoEntryWhileItIsBeingCutAndIsReusedAfterwards() {
        SlotWindow window = new SlotWindow(4, 1 << 20, 100, 1, true);
        window.add(WarmEntry.of("a", "1"));
        window.add(WarmEntry.of("b", "2"));
        Iterator<WarmBatch> cut = window.cut(slot -> "shard-" + slot % 2);
        cut.next();
        assertThatThrownBy(() -> window.add(WarmEntry.of("c", "3"))).isInstanceOf(IllegalStateException.class);
        cut.next();
        assertThat(cut.hasNext()).isFalse();
        window.add(WarmEntry.of("c", "3"));
        assertThat(all(window.cut(slot -> "x")).getFirst().entry(0)).isEqualTo(WarmEntry.of("c", "3"));
        assertThat(window.cut(slot -> "x").hasNext()).as("an empty window cuts into nothing").isFalse();
        window.add(WarmEntry.of("d", "4"));
    }

    @Test
    void largeValuesFillTheWindowByTheirBytesAndKeepBatchesAndMsetsNearAMegabyte() {
        SlotWindow window = new SlotWindow(1000, 3 << 20, 100, 1000, true);
        String large = "x".repeat(700_000);
        for (int i = 0; i < 4; i++) {
            assertThat(window.add(WarmEntry.of("{t}" + i, large))).isFalse();
        }
        assertThat(window.add(WarmEntry.of("{t}4", large))).as("3.5 MB held, over its 3 MiB").isTrue();

        List<WarmBatch> batches = all(window.cut(slot -> "only"));
        // Two such values exceed a megabyte: each is a SET of its own, and a batch stops once past a megabyte.
        assertThat(batches).extracting(WarmBatch::size).containsExactly(2, 2, 1);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.commandSizes()).containsOnly(1));
        assertThat(batches.get(1).entry(1)).isEqualTo(WarmEntry.of("{t}3", large));
    }

    @Test
    void randomWindowsKeepEveryEntryOnceInItsShardWithEachSlotsOrderAndBatchesOfTheirSize() {
        Random random = new Random(29);
        int cap = 7;
        int batchSize = 20;
        // Keys of a few slots, so that slots repeat within a window.
        List<String> tags = IntStream.range(0, 40).mapToObj(i -> "{tag" + i + "}").toList();
        for (int round = 0; round < 200; round++) {
            int capacity = 1 + random.nextInt(600);
            int tagsUsed = 1 + random.nextInt(tags.size());
            SlotWindow window = new SlotWindow(capacity, 1 << 20, cap, batchSize, true);
            List<WarmEntry> input = new ArrayList<>();
            int count = 1 + random.nextInt(capacity);
            for (int i = 0; i < count; i++) {
                // Keys repeat, as a file may give one twice; each entry's value is its own.
                WarmEntry entry = new WarmEntry(tags.get(random.nextInt(tagsUsed)) + random.nextInt(count), "v" + i,
                        random.nextInt(10) == 0 ? TTL : Optional.empty(), false);
                input.add(entry);
                assertThat(window.add(entry)).isEqualTo(i == capacity - 1);
            }
            List<WarmBatch> batches = all(window.cut(slot -> "shard-" + slot % 3));

            Map<String, List<WarmEntry>> sentByShard = new LinkedHashMap<>();
            List<WarmEntry> output = new ArrayList<>();
            for (WarmBatch batch : batches) {
                List<WarmEntry> entries = IntStream.range(0, batch.size()).mapToObj(batch::entry).toList();
                sentByShard.computeIfAbsent(batch.shard(), shard -> new ArrayList<>()).addAll(entries);
                output.addAll(entries);
                assertThat(entries).allSatisfy(entry ->
                        assertThat("shard-" + slot(entry) % 3).isEqualTo(batch.shard()));
                List<List<String>> commands = commands(batch);
                assertThat(commands).hasSize(batch.commandSizes().length);
                int first = 0;
                for (int c = 0; c < commands.size(); c++) {
                    int size = batch.commandSizes()[c];
                    List<WarmEntry> command = entries.subList(first, first + size);
                    assertThat(commands.get(c)).isEqualTo(expectedCommand(command));
                    if (size > 1) {
                        assertThat(size).isLessThanOrEqualTo(cap);
                        assertThat(command.stream().map(SlotWindowTest::slot).distinct()).hasSize(1);
                    }
                    first += size;
                }
                assertThat(first).isEqualTo(batch.size());
            }
            assertThat(output).containsExactlyInAnyOrderElementsOf(input);
            // The shards take turns: the first batches are of different shards.
            assertThat(batches.subList(0, sentByShard.size()).stream().map(WarmBatch::shard)).doesNotHaveDuplicates();
            for (String shard : sentByShard.keySet()) {
                List<WarmBatch> shardBatches = batches.stream().filter(batch -> batch.shard().equals(shard)).toList();
                for (int i = 0; i < shardBatches.size() - 1; i++) {
                    assertThat(shardBatches.get(i).size()).isBetween(batchSize, batchSize + cap - 1);
                }
                List<WarmEntry> sent = sentByShard.get(shard);
                for (int slot : sent.stream().map(SlotWindowTest::slot).distinct().toList()) {
                    assertThat(sent.stream().filter(entry -> slot(entry) == slot).toList())
                            .as("slot %d keeps its input order", slot)
                            .isEqualTo(input.stream().filter(entry -> slot(entry) == slot).toList());
                }
            }
        }
    }

    private static int slot(WarmEntry entry) {
        return ClusterSlots.slot(entry.key());
    }

    private static List<String> expectedCommand(List<WarmEntry> entries) {
        List<String> words = new ArrayList<>(List.of(entries.size() > 1 ? "MSET" : "SET"));
        for (WarmEntry entry : entries) {
            words.add(entry.key());
            words.add(entry.value());
        }
        entries.getFirst().ttl().ifPresent(ttl -> words.addAll(List.of("PX", Long.toString(ttl.toMillis()))));
        return words;
    }

    private static List<WarmBatch> all(Iterator<WarmBatch> batches) {
        List<WarmBatch> all = new ArrayList<>();
        batches.forEachRemaining(all::add);
        return all;
    }

    /** The batch's RESP read back as commands of words (arrays of bulk strings). */
    private static List<List<String>> commands(WarmBatch batch) {
        String resp = new String(batch.commands(), StandardCharsets.UTF_8);
        List<List<String>> commands = new ArrayList<>();
        int at = 0;
        while (at < resp.length()) {
            assertThat(resp.charAt(at)).isEqualTo('*');
            int lineEnd = resp.indexOf("\r\n", at);
            int words = Integer.parseInt(resp.substring(at + 1, lineEnd));
            at = lineEnd + 2;
            List<String> command = new ArrayList<>();
            for (int w = 0; w < words; w++) {
                assertThat(resp.charAt(at)).isEqualTo('$');
                lineEnd = resp.indexOf("\r\n", at);
                int length = Integer.parseInt(resp.substring(at + 1, lineEnd));
                command.add(resp.substring(lineEnd + 2, lineEnd + 2 + length));
                assertThat(resp.substring(lineEnd + 2 + length, lineEnd + 4 + length)).isEqualTo("\r\n");
                at = lineEnd + 4 + length;
            }
            commands.add(command);
        }
        return commands;
    }
}

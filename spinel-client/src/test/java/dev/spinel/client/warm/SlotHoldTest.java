package dev.spinel.client.warm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.shard.ClusterSlots;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SlotHoldTest {
    private static final Optional<Duration> TTL = Optional.of(Duration.ofSeconds(60));
    private static final int MEGABYTE = 1 << 20;

    private final List<WarmBatch> ready = new ArrayList<>();

    private SlotHold hold(boolean slotted, int keys, int bytes, int batchSize) {
        return new SlotHold(slotted, keys, bytes, batchSize, slot -> "shard-" + slot % 3, ready::add);
    }

    @Test
    void unslottedEntriesBecomeMsetsOfAtMostTheCapInInputOrder() {
        SlotHold hold = hold(false, 2, MEGABYTE, 1000);
        for (int i = 0; i < 5; i++) {
            hold.add(WarmEntry.of("k" + i, "v" + i));
        }
        assertThat(ready).as("a batch of 1000 is not full yet").isEmpty();
        hold.flush();
        assertThat(ready).hasSize(1);
        assertThat(commands(ready.getFirst())).containsExactly(List.of("MSET", "k0", "v0", "k1", "v1"),
                List.of("MSET", "k2", "v2", "k3", "v3"), List.of("SET", "k4", "v4"));
    }

    @Test
    void aSlotIsSentOnceItHoldsTheCapOrItsBytesAndTheBatchHandedOnOnceFull() {
        SlotHold hold = new SlotHold(true, 3, 64, 4, slot -> "only", ready::add);
        hold.add(WarmEntry.of("{t}a", "1"));
        hold.add(WarmEntry.of("{u}x", "9"));
        hold.add(WarmEntry.of("{t}b", "2"));
        assertThat(ready).isEmpty();
        hold.add(WarmEntry.of("{t}c", "3"));
        assertThat(ready).as("3 entries are not a batch of 4").isEmpty();
        // Each of these takes 37 bytes as RESP: the slot's 64 do not hold two of them.
        hold.add(WarmEntry.of("{t}d", "x".repeat(20)));
        hold.add(WarmEntry.of("{t}e", "x".repeat(20)));
        assertThat(ready).as("the MSET of 3, then {t}d sent alone to make room for {t}e").hasSize(1);
        assertThat(commands(ready.getFirst())).containsExactly(List.of("MSET", "{t}a", "1", "{t}b", "2", "{t}c", "3"),
                List.of("SET", "{t}d", "x".repeat(20)));
        assertThat(ready.getFirst().entry(2)).isEqualTo(WarmEntry.of("{t}c", "3"));
        hold.flush();
        assertThat(ready).hasSize(2);
        assertThat(commands(ready.get(1))).containsExactlyInAnyOrder(List.of("SET", "{t}e", "x".repeat(20)),
                List.of("SET", "{u}x", "9"));
    }

    @Test
    void anEntryWithATimeToLiveIsASetOfItsOwnAfterItsSlotsHeldEntries() {
        SlotHold hold = hold(true, 100, 4096, 1000);
        hold.add(WarmEntry.of("{t}a", "0"));
        hold.add(new WarmEntry("{t}b", "1", TTL, false));
        hold.add(WarmEntry.of("{t}c", "2"));
        hold.add(WarmEntry.of("{t}d", "3"));
        hold.flush();

        WarmBatch batch = ready.getFirst();
        assertThat(commands(batch)).containsExactly(List.of("SET", "{t}a", "0"),
                List.of("SET", "{t}b", "1", "PX", "60000"), List.of("MSET", "{t}c", "2", "{t}d", "3"));
        assertThat(batch.entry(1)).isEqualTo(new WarmEntry("{t}b", "1", TTL, false));
        assertThat(batch.entry(3)).isEqualTo(WarmEntry.of("{t}d", "3"));
    }

    @Test
    void entriesGivenAsBytesAmidOtherBytesAreSentAsTheSameEntriesGivenAsObjects() {
        List<WarmBatch> fromObjects = new ArrayList<>();
        List<WarmBatch> fromBytes = new ArrayList<>();
        SlotHold asObjects = new SlotHold(true, 5, 256, 8, slot -> "shard-" + slot % 3, fromObjects::add);
        SlotHold asBytes = new SlotHold(true, 5, 256, 8, slot -> "shard-" + slot % 3, fromBytes::add);
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
        asObjects.flush();
        asBytes.flush();
        assertThat(fromBytes).hasSameSizeAs(fromObjects);
        for (int i = 0; i < fromObjects.size(); i++) {
            assertThat(fromBytes.get(i).shard()).isEqualTo(fromObjects.get(i).shard());
            assertThat(fromBytes.get(i).commands()).isEqualTo(fromObjects.get(i).commands());
            assertThat(fromBytes.get(i).commandSizes()).isEqualTo(fromObjects.get(i).commandSizes());
        }
    }

    @Test
    void largeValuesGoAloneAndKeepBatchesNearAMegabyte() {
        SlotHold hold = hold(true, 16, 2048, 1000);
        String large = "x".repeat(700_000);
        for (int i = 0; i < 5; i++) {
            hold.add(WarmEntry.of("{t}" + i, large));
        }
        hold.flush();
        // Each is a SET of its own, and a batch is handed on once past a megabyte.
        assertThat(ready).extracting(WarmBatch::size).containsExactly(2, 2, 1);
        assertThat(ready).allSatisfy(batch -> assertThat(batch.commandSizes()).containsOnly(1));
        assertThat(ready.get(1).entry(1)).isEqualTo(WarmEntry.of("{t}3", large));
    }

    @Test
    void flushingTwiceSendsNothingMoreAndTheHoldIsUsedAgainAfterwards() {
        SlotHold hold = hold(true, 16, 2048, 1000);
        hold.add(WarmEntry.of("a", "1"));
        hold.flush();
        hold.flush();
        assertThat(ready).hasSize(1);
        hold.add(WarmEntry.of("a", "2"));
        hold.flush();
        assertThat(ready).hasSize(2);
        assertThat(ready.get(1).entry(0)).isEqualTo(WarmEntry.of("a", "2"));
    }

    @Test
    void randomInputsKeepEveryEntryOnceInItsShardWithEachSlotsOrderAndBatchesOfTheirSize() {
        Random random = new Random(29);
        int cap = 7;
        int regionBytes = 120;
        int batchSize = 20;
        // Keys of a few slots, so that slots repeat.
        List<String> tags = IntStream.range(0, 40).mapToObj(i -> "{tag" + i + "}").toList();
        for (int round = 0; round < 200; round++) {
            ready.clear();
            int tagsUsed = 1 + random.nextInt(tags.size());
            SlotHold hold = hold(true, cap, regionBytes, batchSize);
            List<WarmEntry> input = new ArrayList<>();
            int count = 1 + random.nextInt(600);
            for (int i = 0; i < count; i++) {
                // Keys repeat, as a file may give one twice; each entry's value is its own, some too large to hold.
                String value = random.nextInt(30) == 0 ? "w".repeat(150) : "v" + i;
                WarmEntry entry = new WarmEntry(tags.get(random.nextInt(tagsUsed)) + random.nextInt(count), value,
                        random.nextInt(10) == 0 ? TTL : Optional.empty(), false);
                input.add(entry);
                hold.add(entry);
            }
            int handedOnWhileAdding = ready.size();
            hold.flush();

            Map<String, List<WarmEntry>> sentByShard = new LinkedHashMap<>();
            List<WarmEntry> output = new ArrayList<>();
            for (WarmBatch batch : ready) {
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
                        assertThat(command.stream().map(SlotHoldTest::slot).distinct()).hasSize(1);
                        assertThat(command).noneMatch(entry -> entry.ttl().isPresent());
                        assertThat(command.stream().mapToInt(SlotHoldTest::respBytes).sum())
                                .as("held within the slot's bytes").isLessThanOrEqualTo(regionBytes);
                    }
                    first += size;
                }
                assertThat(first).isEqualTo(batch.size());
            }
            assertThat(output).containsExactlyInAnyOrderElementsOf(input);
            for (String shard : sentByShard.keySet()) {
                List<WarmBatch> shardBatches = ready.stream().filter(batch -> batch.shard().equals(shard)).toList();
                for (int i = 0; i < shardBatches.size() - 1; i++) {
                    assertThat(shardBatches.get(i).size()).isBetween(batchSize, batchSize + cap - 1);
                }
                List<WarmEntry> sent = sentByShard.get(shard);
                for (int slot : sent.stream().map(SlotHoldTest::slot).distinct().toList()) {
                    assertThat(sent.stream().filter(entry -> slot(entry) == slot).toList())
                            .as("slot %d keeps its input order", slot)
                            .isEqualTo(input.stream().filter(entry -> slot(entry) == slot).toList());
                }
            }
            // Full batches go while entries are still coming, not all at the end.
            assertThat(handedOnWhileAdding).isGreaterThanOrEqualTo(count / (3 * (batchSize + cap)) - 1);
        }
    }

    private static int slot(WarmEntry entry) {
        return ClusterSlots.slot(entry.key());
    }

    /** The entry's key and value as two bulk strings. */
    private static int respBytes(WarmEntry entry) {
        return Stream.of(entry.key(), entry.value()).mapToInt(word -> {
            int length = word.getBytes(StandardCharsets.UTF_8).length;
            return 1 + Integer.toString(length).length() + 2 + length + 2;
        }).sum();
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

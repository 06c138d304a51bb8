package dev.spinel.ops.warm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.warm.WarmEntry;
import dev.spinel.client.warm.WarmSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmFileTest {
    @TempDir
    Path temp;

    private static List<WarmEntry> all(Iterable<WarmEntry> entries) {
        List<WarmEntry> list = new ArrayList<>();
        entries.forEach(list::add);
        return list;
    }

    @Test
    void csvWithHeaderQuotesTtlAndCriticalIsReadInTwoParts() throws Exception {
        Path file = temp.resolve("entries.csv");
        Files.write(file, List.of("key,value,ttl,critical", "a,1", "\"b,with comma\",\"say \"\"hi\"\"\",60",
                "c,3,,true", "d,4,-1", "e,5,10,maybe", "only-a-key", "f,6,7,false"));
        WarmFile csv = new WarmFile(file, WarmFile.Format.CSV);
        assertThat(all(csv.critical())).containsExactly(new WarmEntry("c", "3", Optional.empty(), true));
        assertThat(all(csv.others())).containsExactly(WarmEntry.of("a", "1"),
                new WarmEntry("b,with comma", "say \"hi\"", Optional.of(Duration.ofSeconds(60)), false),
                new WarmEntry("f", "6", Optional.of(Duration.ofSeconds(7)), false));
        assertThat(csv.skipped()).containsOnlyKeys(5L, 6L, 7L);
        assertThat(csv.skipped().get(5L)).contains("ttl must be a whole number");
        assertThat(csv.skipped().get(6L)).contains("critical must be true or false");
        assertThat(csv.skipped().get(7L)).contains("expected key,value");
    }

    @Test
    void jsonLinesSkipOnlyWhatIsWrongAndCountEachBadLineOnce() throws Exception {
        Path file = temp.resolve("entries.jsonl");
        Files.write(file, List.of("{\"key\":\"a\",\"value\":\"1\",\"extra\":[1,2]}", "{\"key\":\"b\",\"value\":2}",
                "{\"key\":\"c\",\"value\":\"3\",\"critical\":\"yes\"}", "[1]", "{\"key\":\"d\",\"value\":\"4\"} trailing"));
        WarmFile json = new WarmFile(file, WarmFile.Format.JSONL);
        assertThat(all(json.critical())).isEmpty();
        assertThat(all(json.others())).containsExactly(WarmEntry.of("a", "1"), WarmEntry.of("b", "2"));
        all(json.others());
        assertThat(json.skipped()).containsOnlyKeys(3L, 4L, 5L);
        assertThat(json.describeSkipped(2)).contains(":3: \"critical\" must be true or false").contains("and 1 more");
    }

    /** What {@link WarmFile#read} hands over, each entry noted with whether it came as bytes. */
    private static final class Taken implements WarmSink {
        final List<WarmEntry> entries = new ArrayList<>();
        final List<Boolean> asBytes = new ArrayList<>();

        @Override
        public void entry(WarmEntry entry) {
            entries.add(entry);
            asBytes.add(false);
        }

        @Override
        public void entry(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength,
                          long ttlMillis) {
            entries.add(new WarmEntry(new String(bytes, keyOffset, keyLength, StandardCharsets.UTF_8),
                    new String(bytes, valueOffset, valueLength, StandardCharsets.UTF_8),
                    ttlMillis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ttlMillis)), false));
            asBytes.add(true);
        }
    }

    @Test
    void plainLinesAreHandedOverAsBytesTheRestAsEntriesAndBothAsTheIteratorsGiveThem() throws Exception {
        Path file = temp.resolve("mixed.jsonl");
        Files.write(file, List.of("{\"key\":\"a\",\"value\":\"1\",\"ttl\":60}", "{\"key\":\"b\u00e9\",\"value\":\"2\"}",
                "", "{\"key\":\"c\",\"value\":\"3\",\"critical\":true}", "{\"key\":\"d\",\"value\":{\"n\":4}}",
                "{\"key\":\"e\",\"value\":\"5\",\"ttl\":99999999999999999}", "{\"key\":\"f\",\"value\":\"6\"}"));
        WarmFile json = new WarmFile(file, WarmFile.Format.JSONL);
        Taken others = new Taken();
        json.read(false, others);
        assertThat(others.entries).containsExactly(new WarmEntry("a", "1", Optional.of(Duration.ofSeconds(60)), false),
                WarmEntry.of("b\u00e9", "2"), WarmEntry.of("d", "{\"n\":4}"), WarmEntry.of("f", "6"));
        assertThat(others.asBytes).containsExactly(true, false, false, true);
        assertThat(others.entries).isEqualTo(all(json.others()));
        Taken critical = new Taken();
        json.read(true, critical);
        assertThat(critical.entries).hasSize(1);
        assertThat(critical.entries.getFirst().key()).isEqualTo("c");
        assertThat(critical.asBytes).containsExactly(true);
        // Seconds whose milliseconds overflow: Redis would refuse them, so the line is malformed.
        assertThat(json.skipped()).containsOnlyKeys(6L);
        assertThat(json.skipped().get(6L)).contains("\"ttl\" must be a whole number of seconds, 1 to");
    }
}

package dev.spinel.ops.warm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.warm.WarmEntry;
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
}

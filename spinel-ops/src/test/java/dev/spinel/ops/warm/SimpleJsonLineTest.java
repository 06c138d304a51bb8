package dev.spinel.ops.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.spinel.client.warm.WarmEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimpleJsonLineTest {
    private static WarmEntry simple(String line) {
        byte[] bytes = ("##" + line + "##").getBytes(StandardCharsets.UTF_8);
        // Read from the middle of a larger array, as lines lie in the scanner's buffer.
        SimpleJsonLine reader = new SimpleJsonLine();
        return reader.parse(bytes, 2, bytes.length - 4) ? reader.entry() : null;
    }

    @Test
    void readsThePlainLinesAWarmingFileHolds() {
        assertThat(simple("{\"key\":\"user:1\",\"value\":\"Ada\"}")).isEqualTo(WarmEntry.of("user:1", "Ada"));
        assertThat(simple(" { \"value\" : \"v\" ,\t\"key\": \"k\", \"ttl\": 60, \"critical\": true } "))
                .isEqualTo(new WarmEntry("k", "v", Optional.of(Duration.ofSeconds(60)), true));
        assertThat(simple("{\"key\":\"k\",\"value\":\"\",\"critical\":false}")).isEqualTo(WarmEntry.of("k", ""));
    }

    @Test
    void declinesWhatItDoesNotReadSoJacksonReadsIt() {
        for (String line : List.of("{\"key\":\"k\\n\",\"value\":\"v\"}", "{\"key\":\"\u00e9\",\"value\":\"v\"}",
                "{\"key\":\"k\",\"value\":12}", "{\"key\":\"k\",\"value\":\"v\",\"ttl\":null}",
                "{\"key\":\"k\",\"value\":\"v\",\"ttl\":0}", "{\"key\":\"k\",\"value\":\"v\",\"ttl\":1.5}",
                "{\"key\":\"k\",\"value\":\"v\",\"other\":1}", "{\"key\":\"k\",\"value\":\"v\"} x", "{\"key\":\"\",\"value\":\"v\"}",
                "[\"k\",\"v\"]", "{\"key\":\"k\",\"value\":\"v\"", "{\"key\":\"k\",\"value\":\"v\",\"critical\":truex}")) {
            assertThat(simple(line)).as(line).isNull();
        }
    }

    /** Lines built from fragments, many malformed: whatever the fast reader accepts, Jackson reads the same. */
    @Test
    void everyLineItAcceptsJacksonReadsAsTheSameEntry() {
        String[] names = {"\"key\"", "\"value\"", "\"ttl\"", "\"critical\"", "\"other\"", "key", "\"ke\\u0079\"",
                "\"keys\"", "\"valu\"", "\"ttl2\"", "\"\""};
        String[] values = {"\"k\"", "\"v 1\"", "\"\"", "\"a\\\"b\"", "\"\u00e9\"", "7", "0", "-3", "12.5", "007",
            "true", "false", "null", "{}", "[1]", "\"\u007f\"", "tru", "99999999999999999999"};
        String[] spaces = {"", " ", "\t", "  "};
        Random random = new Random(11);
        int accepted = 0;
        // One reader for every line, as a file is read: nothing of a line may carry over to the next.
        SimpleJsonLine reused = new SimpleJsonLine();
        for (int round = 0; round < 50_000; round++) {
            StringBuilder line = new StringBuilder(spaces[random.nextInt(spaces.length)]).append('{');
            int fields = random.nextInt(5);
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    line.append(random.nextInt(20) == 0 ? ";" : ",");
                }
                // Mostly a key and a value that are plain strings, so that many lines are whole.
                boolean plain = i < 2 && random.nextInt(4) > 0;
                String name = plain ? (i == 0 ? "\"key\"" : "\"value\"") : names[random.nextInt(names.length)];
                String value = plain && random.nextInt(4) > 0 ? values[random.nextInt(3)] : values[random.nextInt(values.length)];
                line.append(spaces[random.nextInt(spaces.length)]).append(name).append(spaces[random.nextInt(spaces.length)])
                        .append(':').append(spaces[random.nextInt(spaces.length)]).append(value);
            }
            line.append(random.nextInt(30) == 0 ? "" : "}").append(random.nextInt(30) == 0 ? "x" : spaces[random.nextInt(spaces.length)]);
            String text = line.toString();
            WarmEntry fast = simple(text);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertThat(reused.parse(utf8, 0, utf8.length) ? reused.entry() : null).as("reused on " + text)
                    .isEqualTo(fast);
            if (fast != null) {
                accepted++;
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                Throwable[] failure = new Throwable[1];
                WarmEntry jackson = null;
                try {
                    jackson = WarmFile.parseJson(bytes, 0, bytes.length);
                } catch (Exception e) {
                    failure[0] = e;
                }
                assertThat(failure[0]).as(text).isNull();
                assertThat(fast).as(text).isEqualTo(jackson);
            }
        }
        assertThat(accepted).isGreaterThan(1_000);
        assertThat(catchThrowable(() -> WarmFile.parseJson(new byte[] {'{', '}'}, 0, 2))).hasMessageContaining("no \"key\"");
    }
}

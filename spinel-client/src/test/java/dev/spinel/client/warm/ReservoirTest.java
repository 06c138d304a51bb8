package dev.spinel.client.warm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReservoirTest {
    @Test
    void keepsEveryEntryOfAStreamShorterThanTheSample() {
        Reservoir reservoir = new Reservoir(10);
        List<WarmEntry> entries = entries(0, 7);
        reservoir.offerAll(entries.subList(0, 3));
        reservoir.offerAll(entries.subList(3, 7));
        assertThat(reservoir.entries()).containsExactlyElementsOf(entries);
    }

    @Test
    void keepsNothingWhenNoSampleIsAsked() {
        Reservoir reservoir = new Reservoir(0);
        reservoir.offerAll(entries(0, 100));
        assertThat(reservoir.entries()).isEmpty();
    }

    /**
     * Every position of the stream, early or late, in a batch's first place or its last, ends up
     * in the sample with the same probability (size / length). 20,000 samples of 10 from 100
     * entries: each position is expected 2,000 times, with a standard deviation of about 42; a
     * bias as small as 10% (200) falls outside the bound of 5 deviations.
     */
    @Test
    void everyPositionIsKeptWithTheSameProbability() {
        int length = 100;
        int size = 10;
        int trials = 20_000;
        List<WarmEntry> stream = entries(0, length);
        int[] kept = new int[length];
        Random batches = new Random(1);
        for (int trial = 0; trial < trials; trial++) {
            Reservoir reservoir = new Reservoir(size, new Random(1000 + trial));
            for (int from = 0; from < length; ) {
                int to = Math.min(length, from + 1 + batches.nextInt(30));
                reservoir.offerAll(stream.subList(from, to));
                from = to;
            }
            List<WarmEntry> sample = reservoir.entries();
            assertThat(sample).hasSize(size);
            assertThat(new HashSet<>(sample)).hasSize(size);
            sample.forEach(entry -> kept[Integer.parseInt(entry.key())]++);
        }
        double expected = (double) trials * size / length;
        double deviation = Math.sqrt(trials * (size / (double) length) * (1 - size / (double) length));
        for (int position = 0; position < length; position++) {
            assertThat(Math.abs(kept[position] - expected)).as("position %d kept %d times", position, kept[position])
                    .isLessThan(5 * deviation);
        }
    }

    /** A long stream in large batches (where whole batches are skipped): each tenth of it holds a tenth of the samples. */
    @Test
    void aLongStreamIsSampledEvenlyAcrossItsLength() {
        int length = 1_000_000;
        int size = 100;
        List<WarmEntry> stream = entries(0, length);
        int[] tenths = new int[10];
        int trials = 50;
        for (int trial = 0; trial < trials; trial++) {
            Reservoir reservoir = new Reservoir(size, new Random(trial));
            for (int from = 0; from < length; from += 1000) {
                reservoir.offerAll(stream.subList(from, from + 1000));
            }
            reservoir.entries().forEach(entry -> tenths[Integer.parseInt(entry.key()) / (length / 10)]++);
        }
        // 5,000 samples in all: 500 expected per tenth, standard deviation about 21.
        for (int tenth = 0; tenth < 10; tenth++) {
            assertThat(tenths[tenth]).as("tenth %d", tenth).isBetween(400, 600);
        }
    }

    private static List<WarmEntry> entries(int from, int to) {
        List<WarmEntry> entries = new ArrayList<>();
        for (int i = from; i < to; i++) {
            entries.add(WarmEntry.of(Integer.toString(i), "v"));
        }
        return entries;
    }
}

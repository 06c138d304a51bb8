package dev.spinel.ops.warm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {
    private static int naiveIndexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean naiveContains(byte[] bytes, byte[] marker, int from, int to) {
        for (int i = from; i + marker.length <= to; i++) {
            int j = 0;
            while (j < marker.length && bytes[i + j] == marker[j]) {
                j++;
            }
            if (j == marker.length) {
                return true;
            }
        }
        return false;
    }

    @Test
    void findsTheFirstMatchAsAByteLoopDoesIncludingBytesAbove127AndMatchesNextToEachOther() {
        Random random = new Random(42);
        int found = 0;
        for (int round = 0; round < 20_000; round++) {
            // Few distinct values, so matches are frequent, adjacent, and at every position in a word.
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextBoolean() ? random.nextInt(4) : 126 + random.nextInt(4));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            byte wanted = (byte) (random.nextBoolean() ? random.nextInt(4) : 126 + random.nextInt(4));
            int expected = naiveIndexOf(bytes, wanted, from, to);
            assertThat(ByteSearch.indexOf(bytes, wanted, from, to)).as("round %d", round).isEqualTo(expected);
            found += expected >= 0 ? 1 : 0;
        }
        assertThat(found).isBetween(5_000, 19_000);
    }

    @Test
    void findsAMarkerAsAByteLoopDoes() {
        Random random = new Random(7);
        byte[] marker = {'"', 'c', '"'};
        int found = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(50)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextBoolean() ? (byte) '"' : (byte) 'c';
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            boolean expected = naiveContains(bytes, marker, from, to);
            assertThat(ByteSearch.contains(bytes, marker, from, to)).as("round %d", round).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        assertThat(found).isBetween(5_000, 19_000);
    }
}

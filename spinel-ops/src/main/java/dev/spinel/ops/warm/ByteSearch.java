package dev.spinel.ops.warm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds bytes in a byte array eight at a time ("SWAR": one long holds eight bytes). A warming
 * file of a million lines is searched twice, for line ends and for the critical marker: byte by
 * byte, that search was half of the main thread's samples in a warm (JFR), and the critical pass
 * alone about 0.2 s of a 6 s load, with the nodes idle meanwhile.
 */
final class ByteSearch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {
    }

    /** The index of the first {@code wanted} in {@code bytes[from, to)}, or -1. */
    static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        long pattern = ONES * (wanted & 0xFF);
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ pattern;
            // A byte of word is zero where bytes matched. This test can also flag a byte above a real
            // match (a borrow ripples up), never one below it: so the lowest flag is the first match.
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code bytes[from, to)} holds {@code marker} (at least one byte long). */
    static boolean contains(byte[] bytes, byte[] marker, int from, int to) {
        int last = to - marker.length;
        int at = from;
        while (at <= last) {
            at = indexOf(bytes, marker[0], at, last + 1);
            if (at < 0) {
                return false;
            }
            if (Arrays.equals(bytes, at, at + marker.length, marker, 0, marker.length)) {
                return true;
            }
            at++;
        }
        return false;
    }
}

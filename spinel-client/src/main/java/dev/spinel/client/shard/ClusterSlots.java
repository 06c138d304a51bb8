package dev.spinel.client.shard;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.CRC16;

/**
 * Redis Cluster's key-to-slot mapping: CRC16 (XMODEM) of the key, modulo 16384, where a key with
 * a non-empty hash tag ({@code {...}}, the first '{' and the first '}' after it) hashes only the
 * tag. Lettuce's CRC16 is used rather than a copy (and its SlotHash for a String key); a key given
 * as bytes has its tag found here, since SlotHash looks for it from the start of a buffer's array,
 * not from its position. {@code ClusterSlotsIT} holds both forms to {@code CLUSTER KEYSLOT} of a
 * real node.
 */
public final class ClusterSlots {
    public static final int SLOTS = SlotHash.SLOT_COUNT;

    private ClusterSlots() {
    }

    public static int slot(String key) {
        return SlotHash.getSlot(key);
    }

    public static int slot(byte[] key) {
        return slot(key, 0, key.length);
    }

    /** The slot of the key in {@code length} bytes of {@code bytes} from {@code offset}, without a copy. */
    public static int slot(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int open = indexOf(bytes, (byte) '{', offset, end);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1, end);
            if (close > open + 1) {
                return CRC16.crc16(bytes, open + 1, close - open - 1) % SLOTS;
            }
        }
        return CRC16.crc16(bytes, offset, length) % SLOTS;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

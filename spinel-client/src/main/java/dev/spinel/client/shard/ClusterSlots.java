package dev.spinel.client.shard;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.CRC16;


/**
 * Redis Cluster's key-to-slot mapping: CRC16 (XMODEM) of the key, modulo 16384, where a key with
 * a non-empty hash tag ({@code {...}}, the first '{' and the first '}' after it) hashes only the
 * tag. Lettuce's implementation is used rather than a copy; {@code ClusterSlotsIT} holds it to
 * {@code CLUSTER KEYSLOT} of a real node.
 */
public final class ClusterSlots {
    public static final int SLOTS = SlotHash.SLOT_COUNT;

    private ClusterSlots() {
    }

    public static int slot(String key) {
        return SlotHash.getSlot(key);
    }

    public static int slot(byte[] key) {
        return SlotHash.getSlot(key);
    }

    /**
     * The slot of the key in {@code length} bytes of {@code bytes} from {@code offset}, without a
     * copy. (Lettuce's SlotHash looks for the hash tag from the start of a buffer's array, not
     * from its position, so only its CRC16 is used here.)
     */
    public static int slot(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int open = -1;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '{') {
                open = i;
                break;
            }
        }
        if (open >= 0) {
            for (int close = open + 1; close < end; close++) {
                if (bytes[close] == '}') {
                    if (close > open + 1) {
                        return CRC16.crc16(bytes, open + 1, close - open - 1) % SLOTS;
                    }
                    break;
                }
            }
        }
        return CRC16.crc16(bytes, offset, length) % SLOTS;
    }
}

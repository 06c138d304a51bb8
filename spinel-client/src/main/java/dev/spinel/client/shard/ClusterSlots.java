package dev.spinel.client.shard;

import io.lettuce.core.cluster.SlotHash;

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
}

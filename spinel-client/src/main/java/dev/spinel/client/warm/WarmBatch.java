package dev.spinel.client.warm;

import java.util.List;

/**
 * Entries bound for one shard's primary, in the order they are sent, split into commands: the
 * first {@code commandSizes[0]} entries make the first command, and so on. A command of one entry
 * is a SET; of more, an MSET of entries of one hash slot, none with a time to live.
 */
record WarmBatch(String shard, List<WarmEntry> entries, int[] commandSizes) {
}

package dev.spinel.client.warm;

/**
 * Commands for one shard's primary, encoded as RESP and ready to write, with where each entry
 * lies in them: an entry is made an object again only when it is needed (sampled, or refused and
 * retried), so the entries of a load do not stay alive as objects while they wait to be sent.
 * The first {@code commandSizes[0]} entries make the first command, and so on: one entry is a
 * SET (with PX when it has a time to live), more an MSET of keys of one hash slot.
 */
final class WarmBatch {
    private final String shard;
    private final byte[] commands;
    private final int[] commandSizes;
    /** Where each entry's key, a bulk string followed by its value's, starts in {@link #commands}. */
    private final int[] entryAt;
    /** Each entry's time to live in milliseconds, 0 for none. */
    private final long[] ttlMillis;

    WarmBatch(String shard, byte[] commands, int[] commandSizes, int[] entryAt, long[] ttlMillis) {
        this.shard = shard;
        this.commands = commands;
        this.commandSizes = commandSizes;
        this.entryAt = entryAt;
        this.ttlMillis = ttlMillis;
    }

    String shard() {
        return shard;
    }

    /** The encoded commands; not to be changed. */
    byte[] commands() {
        return commands;
    }

    /** Entries in each command, in order; not to be changed. */
    int[] commandSizes() {
        return commandSizes;
    }

    int size() {
        return entryAt.length;
    }

    /** The {@code index}-th entry, decoded from the commands (whether it was critical is not kept). */
    WarmEntry entry(int index) {
        int at = entryAt[index];
        int keyLength = lengthAt(at);
        int keyStart = afterHeader(at);
        int valueAt = keyStart + keyLength + 2;
        return WarmEntry.fromBytes(commands, keyStart, keyLength, afterHeader(valueAt), lengthAt(valueAt),
                ttlMillis[index], false);
    }

    /** The length in the bulk string header ({@code $len\r\n}) at {@code at}. */
    private int lengthAt(int at) {
        int length = 0;
        for (int i = at + 1; commands[i] != '\r'; i++) {
            length = length * 10 + (commands[i] - '0');
        }
        return length;
    }

    /** Where the bulk string whose header is at {@code at} begins. */
    private int afterHeader(int at) {
        int i = at + 1;
        while (commands[i] != '\r') {
            i++;
        }
        return i + 2;
    }
}

package dev.spinel.client.cache;

/**
 * Turns values into the strings stored in Redis and back. Implementations must be thread-safe.
 * A value that cannot be decoded raises {@link CacheDecodeException}; the cache then treats the
 * entry as missing rather than handing out garbage.
 */
public interface Codec<V> {
    String encode(V value);

    V decode(String stored);

    /** Strings as they are. */
    static Codec<String> strings() {
        return Codecs.STRINGS;
    }

    /** Bytes as Base64 text (Spinel's connection speaks UTF-8 strings). */
    static Codec<byte[]> bytes() {
        return Codecs.BYTES;
    }
}

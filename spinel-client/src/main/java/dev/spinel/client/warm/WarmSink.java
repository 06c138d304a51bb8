package dev.spinel.client.warm;

/**
 * Where a {@link WarmSource} hands its entries, as objects or as bytes. A source that reads a
 * file hands most entries over as bytes where they lie in its buffer: a million entries made
 * Strings, then bytes again, cost the loader a quarter of its main thread's CPU.
 */
public interface WarmSink {
    void entry(WarmEntry entry);

    /**
     * An entry whose key and value are UTF-8 bytes of {@code bytes}, copied before this returns
     * (so the caller may reuse the array).
     *
     * @param ttlMillis the time to live in milliseconds, 0 for none
     */
    void entry(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength, long ttlMillis);
}

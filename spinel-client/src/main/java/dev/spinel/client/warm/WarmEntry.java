package dev.spinel.client.warm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One key to load: its value, an optional time to live, and whether it is critical (critical
 * entries are all loaded before any other).
 */
public record WarmEntry(String key, String value, Optional<Duration> ttl, boolean critical) {
    public WarmEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isPresent() && (ttl.get().isZero() || ttl.get().isNegative())) {
            throw new IllegalArgumentException("the ttl of '" + key + "' must be positive, got " + ttl.get());
        }
    }

    public static WarmEntry of(String key, String value) {
        return new WarmEntry(key, value, Optional.empty(), false);
    }

    /**
     * The entry whose key and value are UTF-8 bytes of {@code bytes}, as a {@link WarmSink} is
     * handed them, with a time to live in milliseconds (0: none).
     */
    public static WarmEntry fromBytes(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength,
                                      long ttlMillis, boolean critical) {
        return new WarmEntry(new String(bytes, keyOffset, keyLength, StandardCharsets.UTF_8),
                new String(bytes, valueOffset, valueLength, StandardCharsets.UTF_8),
                ttlMillis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ttlMillis)), critical);
    }
}

package dev.spinel.client.warm;

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
}

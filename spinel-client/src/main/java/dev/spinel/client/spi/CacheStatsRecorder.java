package dev.spinel.client.spi;

import java.time.Duration;

/**
 * Where cache statistics go. Every method has an empty default, so an implementation overrides
 * only what it records (HikariCP's metrics tracker does the same); {@link #disabled()} records
 * nothing and costs nothing. The Micrometer binding lives in spinel-client-micrometer.
 */
public interface CacheStatsRecorder {

    default void hit(String region) {
    }

    default void miss(String region) {
    }

    default void nearHit(String region) {
    }

    /** A loader ran (after a miss or for an early refresh) and took {@code time}. */
    default void load(String region, Duration time, boolean failed) {
    }

    /** Entries invalidated by key or pattern; -1 for a version bump, which invalidates all, uncounted. */
    default void invalidation(String region, long entries) {
    }

    static CacheStatsRecorder disabled() {
        return Disabled.INSTANCE;
    }

    /** The no-op recorder, as an enum singleton. */
    enum Disabled implements CacheStatsRecorder {
        INSTANCE
    }
}

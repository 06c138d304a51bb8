package dev.spinel.client.cache;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.spi.CacheStatsRecorder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Caching on a Spinel topology in regions, each with its key pattern, TTL and codec:
 *
 * <pre>{@code
 * CacheManager caches = CacheManager.builder(client).build();
 * CacheRegion<FileMeta> files = caches.region(
 *         Region.of("file-metadata", "file:metadata:{id}", Duration.ofMinutes(5)), JsonCodec.of(FileMeta.class));
 * FileMeta meta = files.getOrLoad(id, () -> database.load(id));
 * }</pre>
 *
 * Invalidations (by key, by pattern, of a whole region) are announced on a Redis stream, so every
 * instance hears of them, even one that was briefly disconnected.
 */
public final class CacheManager implements AutoCloseable {
    public static final Duration DEFAULT_NEAR_CACHE_MAX_AGE = Duration.ofMinutes(1);
    private final SpinelClient client;
    private final CacheStatsRecorder stats;
    private final RegionVersions versions;
    private final ExecutorService refresher;
    private final Map<String, CacheRegion<?>> regions = new ConcurrentHashMap<>();
    private final NearCache near;

    private CacheManager(Builder builder) {
        this.client = builder.client;
        this.stats = builder.stats;
        this.versions = new RegionVersions(client);
        this.near = builder.nearCacheEntries > 0 ? newNearCache(builder) : null;
        this.refresher = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "spinel-cache-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    private NearCache newNearCache(Builder builder) {
        try {
            Class.forName("com.github.benmanes.caffeine.cache.Caffeine", false, CacheManager.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the near cache needs Caffeine on the class path:"
                    + " add com.github.ben-manes.caffeine:caffeine to the application", e);
        }
        return new NearCache(client, builder.nearCacheEntries, builder.nearCacheMaxAge);
    }

    public static CacheManager create(SpinelClient client) {
        return builder(client).build();
    }

    public static Builder builder(SpinelClient client) {
        return new Builder(client);
    }

    /**
     * The handle of a region. Asking again for the same region name returns the same handle; a
     * different definition under a name already in use is refused.
     */
    @SuppressWarnings("unchecked")
    public <V> CacheRegion<V> region(Region region, Codec<V> codec) {
        CacheRegion<?> existing = regions.computeIfAbsent(region.name(), n -> new CacheRegion<>(this, region, codec));
        if (!existing.region().equals(region)) {
            throw new IllegalArgumentException("region " + region.name() + " is defined already as " + existing.region()
                    + "; cannot redefine it as " + region);
        }
        return (CacheRegion<V>) existing;
    }

    SpinelClient client() {
        return client;
    }

    CacheStatsRecorder stats() {
        return stats;
    }

    RegionVersions versions() {
        return versions;
    }

    /** The near cache, or null when off. */
    NearCache near() {
        return near;
    }

    /** Entries in the near cache now (0 when off), for statistics. */
    public long nearCacheSize() {
        return near == null ? 0 : near.size();
    }

    ExecutorService refresher() {
        return refresher;
    }

    void announce(InvalidationEvent event) {
        versions.publish(event);
    }

    @Override
    public void close() {
        if (near != null) {
            near.close();
        }
        versions.close();
        refresher.shutdownNow();
    }

    /** Settings of a {@link CacheManager}. */
    public static final class Builder {
        private final SpinelClient client;
        private CacheStatsRecorder stats = CacheStatsRecorder.disabled();
        private long nearCacheEntries;
        private Duration nearCacheMaxAge = DEFAULT_NEAR_CACHE_MAX_AGE;

        private Builder(SpinelClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder stats(CacheStatsRecorder recorder) {
            this.stats = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        /**
         * Keeps up to {@code maximumEntries} recently read values in this JVM, kept correct by Redis's
         * client-side caching (CLIENT TRACKING, on every primary in Cluster mode): a hit costs no
         * network round trip. Needs Caffeine on the class path.
         */
        public Builder nearCache(long maximumEntries) {
            if (maximumEntries < 1) {
                throw new IllegalArgumentException("a near cache holds at least 1 entry, got " + maximumEntries);
            }
            this.nearCacheEntries = maximumEntries;
            return this;
        }

        /** A safety net: near entries are dropped after this long even without an invalidation (default 1 min). */
        public Builder nearCacheMaxAge(Duration maxAge) {
            this.nearCacheMaxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }


        public CacheManager build() {
            return new CacheManager(this);
        }
    }
}

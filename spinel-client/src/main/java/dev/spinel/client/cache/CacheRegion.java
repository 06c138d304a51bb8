package dev.spinel.client.cache;

import dev.spinel.client.connect.RedisRefusedException;
import dev.spinel.client.keys.KeySchema;
import dev.spinel.client.script.LuaScript;
import dev.spinel.client.spi.CacheStatsRecorder;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed handle of one region: values of type {@code V} under the region's key pattern and
 * TTL. Thread-safe. Methods with an {@code id} fill the pattern's placeholder; regions without a
 * placeholder use the methods without one.
 */
public final class CacheRegion<V> {
    private static final Logger LOG = LoggerFactory.getLogger(CacheRegion.class);
    /** GET and PTTL in one round trip, for early refresh. */
    private static final LuaScript GET_WITH_TTL = new LuaScript(
            "return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}");
    private static final int SCAN_BATCH = 500;

    private final CacheManager manager;
    private final Region region;
    private final Codec<V> codec;
    private final KeySchema keys;
    private final CacheStatsRecorder stats;
    private final SingleFlight<V> loads = new SingleFlight<>();
    /** Recent load time in ms, an exponentially weighted average: XFetch's delta. */
    private volatile double loadMillis;

    CacheRegion(CacheManager manager, Region region, Codec<V> codec) {
        this.manager = manager;
        this.region = region;
        this.codec = codec;
        this.keys = manager.client().keys();
        this.stats = manager.stats();
    }

    public Region region() {
        return region;
    }

    /**
     * The cached value, or empty on a miss.
     *
     * @throws CacheDecodeException when the stored value cannot be decoded by this region's codec
     */
    public Optional<V> get(String id) {
        String key = storedKey(id);
        Optional<V> local = nearLookup(key);
        if (local.isPresent()) {
            return local;
        }
        NearCache near = manager.near();
        NearCache.Pending pending = near == null ? null : near.begin(key);
        String stored = commands().get(key);
        if (stored == null) {
            if (near != null) {
                near.complete(key, pending, null);
            }
            stats.miss(region.name());
            return Optional.empty();
        }
        stats.hit(region.name());
        V value = codec.decode(stored);
        if (near != null) {
            near.complete(key, pending, value);
        }
        return Optional.of(value);
    }

    public Optional<V> get() {
        return get("");
    }

    /** @throws RedisRefusedException when Redis refuses the write (full under noeviction, a demoted primary) */
    public void put(String id, V value) {
        store(storedKey(id), value);
    }

    public void put(V value) {
        put("", value);
    }

    /** @return whether there was an entry */
    public boolean delete(String id) {
        boolean deleted = commands().del(storedKey(id)) > 0;
        manager.announce(new InvalidationEvent(InvalidationEvent.Type.KEY, region.name(), region.key(id)));
        stats.invalidation(region.name(), deleted ? 1 : 0);
        return deleted;
    }

    public boolean exists(String id) {
        return commands().exists(storedKey(id)) > 0;
    }

    /**
     * The cached value, or the loader's result, cached. In this JVM at most one loader runs per key
     * at a time; callers arriving meanwhile wait for its result (stampede protection). A value the
     * codec cannot decode is treated as a miss and overwritten. A loader that returns null caches
     * nothing; one that throws caches nothing and its exception reaches every waiting caller as
     * {@link CacheLoadException}. A loaded value Redis refuses to store (OOM, READONLY) raises
     * {@link dev.spinel.client.connect.RedisRefusedException} for every waiting caller.
     */
    public V getOrLoad(String id, Supplier<V> loader) {
        String key = storedKey(id);
        Optional<V> local = nearLookup(key);
        if (local.isPresent()) {
            return local.get();
        }
        Cached cached = region.earlyRefresh() > 0 ? readWithTtl(key) : new Cached(commands().get(key), -1);
        if (cached.value() != null) {
            try {
                V value = codec.decode(cached.value());
                stats.hit(region.name());
                if (shouldRefreshEarly(cached.ttlMillis()) && !loads.isRunning(key)) {
                    manager.refresher().execute(() -> loadAndStore(key, loader));
                }
                return value;
            } catch (CacheDecodeException e) {
                LOG.warn("region {}: cannot decode {}, loading it again: {}", region.name(), key, e.getMessage());
            }
        }
        stats.miss(region.name());
        return loadAndStore(key, loader);
    }

    public V getOrLoad(Supplier<V> loader) {
        return getOrLoad("", loader);
    }

    /**
     * Deletes every entry whose id matches {@code idGlob} (Redis glob: {@code *}, {@code ?},
     * {@code [..]}), by SCAN on every primary, in batches: never KEYS, never one long blocking command.
     *
     * @return how many entries were deleted
     */
    public long invalidate(String idGlob) {
        String match = keys.cacheEntryPattern(region.name(), manager.versions().current(region.name()),
                region.keyGlob(idGlob));
        long deleted = 0;
        for (RedisClusterCommands<String, String> primary : manager.client().primaries()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = primary.scan(cursor, ScanArgs.Builder.matches(match).limit(SCAN_BATCH));
                List<String> found = page.getKeys();
                for (String key : found) {
                    deleted += primary.unlink(key);
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
        manager.announce(new InvalidationEvent(InvalidationEvent.Type.PATTERN, region.name(), region.keyGlob(idGlob)));
        stats.invalidation(region.name(), deleted);
        return deleted;
    }

    /**
     * Makes every entry of the region unreachable at once by bumping its version (the entries
     * expire by their TTL). Other instances learn the new version from the invalidation stream,
     * within milliseconds while connected.
     *
     * @return the region's new version
     */
    public long invalidateAll() {
        long version = manager.versions().bump(region.name());
        stats.invalidation(region.name(), -1);
        return version;
    }

    private V loadAndStore(String key, Supplier<V> loader) {
        return loads.load(key, () -> {
            long start = System.nanoTime();
            V value;
            try {
                value = loader.get();
            } catch (RuntimeException e) {
                stats.load(region.name(), Duration.ofNanos(System.nanoTime() - start), true);
                throw new CacheLoadException("region " + region.name() + ": the loader for " + key + " failed: " + e, e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            stats.load(region.name(), took, false);
            loadMillis = loadMillis == 0 ? took.toMillis() : loadMillis * 0.8 + took.toMillis() * 0.2;
            if (value != null) {
                store(key, value);
            }
            return value;
        });
    }

    /** XFetch: refresh when {@code delta * beta * -ln(random)} reaches the remaining time to live. */
    private boolean shouldRefreshEarly(long ttlMillis) {
        if (region.earlyRefresh() <= 0 || ttlMillis < 0) {
            return false;
        }
        double delta = Math.max(1, loadMillis);
        double gap = delta * region.earlyRefresh() * -Math.log(1 - ThreadLocalRandom.current().nextDouble());
        return gap >= ttlMillis;
    }

    private void store(String key, V value) {
        String encoded = codec.encode(value);
        RedisRefusedException.translate("caching " + key,
                () -> commands().set(key, encoded, SetArgs.Builder.px(region.ttl().toMillis())));
    }

    @SuppressWarnings("unchecked")
    private Optional<V> nearLookup(String key) {
        NearCache near = manager.near();
        Object local = near == null ? null : near.lookup(key);
        if (local == null) {
            return Optional.empty();
        }
        stats.nearHit(region.name());
        return Optional.of((V) local);
    }

    private record Cached(String value, long ttlMillis) {
    }

    private Cached readWithTtl(String key) {
        List<Object> reply = GET_WITH_TTL.run(commands(), ScriptOutputType.MULTI, new String[] {key});
        Object value = reply.get(0);
        return new Cached(value == null ? null : value.toString(), ((Number) reply.get(1)).longValue());
    }

    private String storedKey(String id) {
        return keys.cacheEntryKey(region.name(), manager.versions().current(region.name()), region.key(id));
    }

    private RedisClusterCommands<String, String> commands() {
        return manager.client().sync();
    }
}

package dev.spinel.client.micrometer;

import dev.spinel.client.spi.CacheStatsRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cache statistics as Micrometer meters, tagged by region, in the shape Caffeine's and Spring's
 * cache metrics use:
 * <ul>
 *   <li>{@code spinel.cache.gets} (counter), {@code result} = {@code hit}, {@code miss} or {@code near_hit};</li>
 *   <li>{@code spinel.cache.loads} (timer), {@code outcome} = {@code success} or {@code failure};</li>
 *   <li>{@code spinel.cache.invalidations} (counter): entries deleted by key or pattern, and
 *       version bumps counted as one.</li>
 * </ul>
 * Hit rate is {@code hit + near_hit} over all gets, computed by the monitoring system.
 */
public final class MicrometerCacheStats implements CacheStatsRecorder {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public MicrometerCacheStats(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void hit(String region) {
        get(region, "hit").increment();
    }

    @Override
    public void miss(String region) {
        get(region, "miss").increment();
    }

    @Override
    public void nearHit(String region) {
        get(region, "near_hit").increment();
    }

    @Override
    public void load(String region, Duration time, boolean failed) {
        String outcome = failed ? "failure" : "success";
        timers.computeIfAbsent(region + "/" + outcome, k -> Timer.builder("spinel.cache.loads")
                .description("Loads run by getOrLoad and early refresh")
                .tag("region", region).tag("outcome", outcome).register(registry)).record(time);
    }

    @Override
    public void invalidation(String region, long entries) {
        counters.computeIfAbsent("invalidations/" + region, k -> Counter.builder("spinel.cache.invalidations")
                .description("Entries invalidated; a version bump counts as one")
                .tag("region", region).register(registry)).increment(entries < 0 ? 1 : entries);
    }

    private Counter get(String region, String result) {
        return counters.computeIfAbsent("gets/" + region + "/" + result, k -> Counter.builder("spinel.cache.gets")
                .description("Cache reads by result").tag("region", region).tag("result", result).register(registry));
    }
}

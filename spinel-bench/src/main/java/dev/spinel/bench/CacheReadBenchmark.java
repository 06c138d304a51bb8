package dev.spinel.bench;

import dev.spinel.client.cache.CacheManager;
import dev.spinel.client.cache.CacheRegion;
import dev.spinel.client.cache.Codec;
import dev.spinel.client.cache.Region;
import dev.spinel.client.connect.SpinelClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Mode;

/**
 * A cache hit three ways against the same Redis: a raw Lettuce GET (the floor), CacheRegion.get
 * (the toolkit's overhead on top), and a near-cache hit (no round trip at all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheReadBenchmark {
    private RedisClient raw;
    private StatefulRedisConnection<String, String> rawConnection;
    private RedisCommands<String, String> rawCommands;
    private SpinelClient spinel;
    private CacheManager caches;
    private CacheManager nearCaches;
    private CacheRegion<String> region;
    private CacheRegion<String> nearRegion;
    private String rawKey;

    @Setup(Level.Trial)
    public void setUp() {
        raw = RedisClient.create(Target.uri());
        rawConnection = raw.connect();
        rawCommands = rawConnection.sync();
        rawKey = "bench:raw:file:metadata:42";
        rawCommands.set(rawKey, "{\"name\":\"report.pdf\",\"size\":1234}");

        spinel = SpinelClient.create(Target.uri());
        caches = CacheManager.create(spinel);
        nearCaches = CacheManager.builder(spinel).nearCache(10_000).build();
        Region files = Region.of("bench-files", "file:metadata:{id}", Duration.ofHours(1));
        region = caches.region(files, Codec.strings());
        nearRegion = nearCaches.region(files, Codec.strings());
        region.put("42", "{\"name\":\"report.pdf\",\"size\":1234}");
        nearRegion.get("42");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nearCaches.close();
        caches.close();
        spinel.close();
        rawConnection.close();
        raw.shutdown();
    }

    @Benchmark
    public String lettuceGet() {
        return rawCommands.get(rawKey);
    }

    @Benchmark
    public String cacheRegionGet() {
        return region.get("42").orElseThrow();
    }

    @Benchmark
    public String nearCacheGet() {
        return nearRegion.get("42").orElseThrow();
    }
}

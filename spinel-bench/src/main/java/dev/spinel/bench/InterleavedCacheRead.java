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
import java.util.Arrays;

/**
 * CacheRegion.get against a raw Lettuce GET in alternating blocks within one process, so that the
 * drift of a shared machine hits both alike; JMH runs one benchmark after the other, and on this
 * machine a loopback round trip itself varies by 2x over minutes.
 */
public final class InterleavedCacheRead {
    private static final int BLOCK = 2_000;
    private static final int BLOCKS = Integer.getInteger("spinel.bench.blocks", 30);

    private InterleavedCacheRead() {
    }

    public static void main(String[] args) {
        RedisClient raw = RedisClient.create(Target.uri());
        try (StatefulRedisConnection<String, String> connection = raw.connect();
             SpinelClient spinel = SpinelClient.create(Target.uri());
             CacheManager caches = CacheManager.create(spinel)) {
            RedisCommands<String, String> commands = connection.sync();
            String value = "{\"name\":\"report.pdf\",\"size\":1234}";
            commands.set("bench:raw:file:metadata:42", value);
            CacheRegion<String> region = caches.region(Region.of("bench-interleaved", "file:metadata:{id}",
                    Duration.ofHours(1)), Codec.strings());
            region.put("42", value);
            double[] rawMicros = new double[BLOCKS];
            double[] regionMicros = new double[BLOCKS];
            for (int warm = 0; warm < 5; warm++) {
                timeRaw(commands);
                timeRegion(region);
            }
            for (int block = 0; block < BLOCKS; block++) {
                rawMicros[block] = timeRaw(commands);
                regionMicros[block] = timeRegion(region);
            }
            double[] ratios = new double[BLOCKS];
            for (int i = 0; i < BLOCKS; i++) {
                ratios[i] = regionMicros[i] / rawMicros[i];
            }
            Arrays.sort(ratios);
            Arrays.sort(rawMicros);
            Arrays.sort(regionMicros);
            System.out.printf("raw Lettuce GET median %.1f us, CacheRegion.get median %.1f us; per-block ratio"
                    + " median %.3f (p10 %.3f, p90 %.3f) over %d alternating blocks of %d%n",
                    rawMicros[BLOCKS / 2], regionMicros[BLOCKS / 2], ratios[BLOCKS / 2], ratios[BLOCKS / 10],
                    ratios[BLOCKS * 9 / 10], BLOCKS, BLOCK);
        } finally {
            raw.shutdown();
        }
    }

    private static double timeRaw(RedisCommands<String, String> commands) {
        long start = System.nanoTime();
        for (int i = 0; i < BLOCK; i++) {
            commands.get("bench:raw:file:metadata:42");
        }
        return (System.nanoTime() - start) / 1000.0 / BLOCK;
    }

    private static double timeRegion(CacheRegion<String> region) {
        long start = System.nanoTime();
        for (int i = 0; i < BLOCK; i++) {
            region.get("42");
        }
        return (System.nanoTime() - start) / 1000.0 / BLOCK;
    }
}

package dev.spinel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.spi.CacheStatsRecorder;
import dev.spinel.testkit.RedisServerExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NearCacheIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Region REGION = Region.of("near", "node:health:{id}", Duration.ofMinutes(5));

    @Test
    void aNearHitCostsNoRoundTripAndAWriteElsewhereIsSeenOnceItsInvalidationArrives() {
        AtomicLong nearHits = new AtomicLong();
        try (SpinelClient reader = SpinelClient.create(REDIS.uri());
             CacheManager readerCaches = CacheManager.builder(reader).nearCache(1000).stats(new CacheStatsRecorder() {
                 @Override
                 public void nearHit(String region) {
                     nearHits.incrementAndGet();
                 }
             }).build();
             SpinelClient writer = SpinelClient.create(REDIS.uri());
             CacheManager writerCaches = CacheManager.create(writer)) {
            CacheRegion<String> near = readerCaches.region(REGION, Codec.strings());
            CacheRegion<String> remote = writerCaches.region(REGION, Codec.strings());

            remote.put("n1", "up");
            // The put's own invalidation may still be on its way and discard the first read's copy;
            // reads are served locally from the first one that completes after it.
            Awaitility.await("a near hit").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> near.get("n1").orElseThrow().equals("up") && nearHits.get() > 0);
            assertThat(readerCaches.nearCacheSize()).isEqualTo(1);

            for (int round = 0; round < 50; round++) {
                String value = "state-" + round;
                remote.put("n1", value);
                // The invalidation travels asynchronously; once the new value is seen, the old never comes back.
                Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                        .until(() -> near.get("n1").orElse(""), value::equals);
                for (int read = 0; read < 20; read++) {
                    assertThat(near.get("n1")).contains(value);
                }
            }
            assertThat(nearHits.get()).as("most reads were near hits").isGreaterThan(500);

            remote.delete("n1");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> near.get("n1").isEmpty());
        }
    }

    @Test
    void aVersionBumpOrAPatternInvalidationReachesTheNearCacheToo() {
        try (SpinelClient reader = SpinelClient.create(REDIS.uri());
             CacheManager readerCaches = CacheManager.builder(reader).nearCache(1000).build();
             SpinelClient writer = SpinelClient.create(REDIS.uri());
             CacheManager writerCaches = CacheManager.create(writer)) {
            Region region = Region.of("near-bulk", "node:stats:{id}", Duration.ofMinutes(5));
            CacheRegion<String> near = readerCaches.region(region, Codec.strings());
            CacheRegion<String> remote = writerCaches.region(region, Codec.strings());
            remote.put("a", "1");
            remote.put("b", "2");
            assertThat(near.get("a")).contains("1");
            assertThat(near.get("b")).contains("2");
            remote.invalidate("a");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> near.get("a").isEmpty());
            assertThat(near.get("b")).contains("2");
            remote.invalidateAll();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> near.get("b").isEmpty());
        }
    }
}

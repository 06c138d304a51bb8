package dev.spinel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.connect.RedisRefusedException;
import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.lock.LockManager;
import dev.spinel.testkit.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Redis at maxmemory under noeviction (the 'store' profile): writes are refused with a typed error. */
class FullRedisIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--maxmemory", "2mb",
            "--maxmemory-policy", "noeviction");

    @Test
    void aFullRedisRefusesCacheWritesAndLocksWithATypedErrorAndKeepsWhatItHad() {
        try (SpinelClient client = SpinelClient.create(REDIS.uri());
             CacheManager caches = CacheManager.create(client);
             LockManager locks = LockManager.create(client)) {
            CacheRegion<String> blobs = caches.region(Region.of("blobs", "blob:{id}", Duration.ofMinutes(5)),
                    Codec.strings());
            String blob = "x".repeat(64 * 1024);
            RedisRefusedException refused = null;
            int stored = 0;
            for (int i = 0; i < 200 && refused == null; i++) {
                try {
                    blobs.put(Integer.toString(i), blob);
                    stored++;
                } catch (RedisRefusedException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("Redis filled up").isNotNull();
            assertThat(refused.reason()).isEqualTo(RedisRefusedException.Reason.OUT_OF_MEMORY);
            assertThat(refused).hasMessageContaining("maxmemory");
            assertThat(blobs.get("0")).as("what was stored before is intact").contains(blob);
            assertThat(stored).isPositive();
            // A refused big write leaves its own request buffer's memory free again; fill up with small
            // entries so that Redis stays above maxmemory, as a full 'store' Redis would be.
            for (int i = 0; i < 100_000; i++) {
                try {
                    blobs.put("small-" + i, "y".repeat(100));
                } catch (RedisRefusedException e) {
                    break;
                }
            }
            assertThatThrownBy(() -> locks.acquire("full", Duration.ofSeconds(5), Duration.ZERO))
                    .isInstanceOfSatisfying(RedisRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RedisRefusedException.Reason.OUT_OF_MEMORY));
        }
    }
}

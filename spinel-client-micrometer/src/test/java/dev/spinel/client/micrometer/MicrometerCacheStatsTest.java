package dev.spinel.client.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerCacheStatsTest {

    @Test
    void recordsGetsLoadsAndInvalidationsPerRegion() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerCacheStats stats = new MicrometerCacheStats(registry);
        stats.hit("files");
        stats.hit("files");
        stats.miss("files");
        stats.nearHit("files");
        stats.miss("stats");
        stats.load("files", Duration.ofMillis(12), false);
        stats.load("files", Duration.ofMillis(30), true);
        stats.invalidation("files", 111);
        stats.invalidation("files", -1);

        assertThat(registry.get("spinel.cache.gets").tags("region", "files", "result", "hit").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("spinel.cache.gets").tags("region", "files", "result", "miss").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("spinel.cache.gets").tags("region", "files", "result", "near_hit").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("spinel.cache.gets").tags("region", "stats", "result", "miss").counter().count())
                .isEqualTo(1);
        var success = registry.get("spinel.cache.loads").tags("region", "files", "outcome", "success").timer();
        assertThat(success.count()).isEqualTo(1);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12);
        assertThat(registry.get("spinel.cache.loads").tags("outcome", "failure").timer().count()).isEqualTo(1);
        assertThat(registry.get("spinel.cache.invalidations").tags("region", "files").counter().count()).isEqualTo(112);
    }
}

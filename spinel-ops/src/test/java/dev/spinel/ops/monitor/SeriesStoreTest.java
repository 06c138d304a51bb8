package dev.spinel.ops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {
    private static final long START = 1_800_000_000_000L;

    private static Snapshot at(long millis, long hits, long misses, long rttMicros) {
        NodeSample primary = Samples.primary(6379, 1, Map.of("keyspace_hits", Long.toString(hits),
                "keyspace_misses", Long.toString(misses), "instantaneous_ops_per_sec", "40"));
        primary = new NodeSample(primary.node(), null, rttMicros, primary.info(), null, List.of(), null);
        return new Snapshot(millis, Instant.ofEpochMilli(millis), "test", Samples.SENTINEL, List.of(primary),
                HealthRules.evaluate(Samples.SENTINEL, List.of(primary)));
    }

    @Test
    void hitRateIsHitsOverLookupsBetweenPollsNotSinceTheNodeStarted() {
        SeriesStore store = new SeriesStore(Duration.ofSeconds(1));
        store.add(at(START, 1000, 1000, 200));
        store.add(at(START + 1000, 1090, 1010, 200));

        List<SeriesStore.Point> hitRate = store.series(SeriesStore.TOTAL, SeriesStore.Metric.HIT_RATE,
                Duration.ofMinutes(1), START + 1000);

        assertThat(hitRate).singleElement().satisfies(p -> assertThat(p.value()).isCloseTo(0.9, within(1e-9)));
        assertThat(store.series("redis-6379", SeriesStore.Metric.OPS_PER_SEC, Duration.ofMinutes(1), START + 1000))
                .extracting(SeriesStore.Point::value).containsExactly(40.0, 40.0);
    }

    @Test
    void theFineRingKeepsTenMinutesAtThePollPeriod() {
        SeriesStore store = new SeriesStore(Duration.ofSeconds(1));
        for (int i = 0; i < 700; i++) {
            store.add(at(START + i * 1000L, 0, 0, 200));
        }

        List<SeriesStore.Point> points = store.series(SeriesStore.TOTAL, SeriesStore.Metric.RTT_MS,
                Duration.ofMinutes(10), START + 699_000);

        assertThat(points).hasSize(600);
        assertThat(points.get(0).at()).isEqualTo(START + 100_000);
    }

    @Test
    void tenSecondBucketsKeepTheRoundTripsP50AndP99() {
        SeriesStore store = new SeriesStore(Duration.ofSeconds(1));
        long[] rtts = {100, 200, 300, 400, 500, 600, 700, 800, 900, 10_000};
        for (int i = 0; i < 10; i++) {
            store.add(at(START + i * 1000L, 0, 0, rtts[i]));
        }
        store.add(at(START + 10_000, 0, 0, 100));

        List<SeriesStore.Point> p50 = store.series("redis-6379", SeriesStore.Metric.RTT_P50_MS, Duration.ofHours(1),
                START + 10_000);
        List<SeriesStore.Point> p99 = store.series("redis-6379", SeriesStore.Metric.RTT_P99_MS, Duration.ofHours(1),
                START + 10_000);

        assertThat(p50).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(START);
            assertThat(p.value()).isEqualTo(0.5);
        });
        assertThat(p99).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo(10.0));
        assertThat(store.series("redis-6379", SeriesStore.Metric.RTT_MS, Duration.ofHours(1), START + 10_000))
                .singleElement().satisfies(p -> assertThat(p.value()).isCloseTo(1.45, within(1e-9)));
    }
}

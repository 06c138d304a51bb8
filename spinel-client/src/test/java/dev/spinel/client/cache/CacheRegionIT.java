package dev.spinel.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.spi.CacheStatsRecorder;
import dev.spinel.testkit.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

class CacheRegionIT {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    static SpinelClient client;
    static CacheManager caches;
    static final AtomicLong HITS = new AtomicLong();
    static final AtomicLong MISSES = new AtomicLong();

    record FileMeta(String name, long size) {
    }

    @BeforeAll
    static void connect() {
        client = SpinelClient.create(REDIS.uri());
        caches = CacheManager.builder(client).stats(new CacheStatsRecorder() {
            @Override
            public void hit(String region) {
                HITS.incrementAndGet();
            }

            @Override
            public void miss(String region) {
                MISSES.incrementAndGet();
            }
        }).build();
    }

    @AfterAll
    static void disconnect() {
        caches.close();
        client.close();
    }

    private static CacheRegion<FileMeta> files(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        return caches.region(Region.of(name, "file:metadata:{id}", Duration.ofMinutes(5)), JsonCodec.of(FileMeta.class));
    }

    @Test
    void putGetExistsDeleteWithTheRegionsTtl(TestInfo test) {
        CacheRegion<FileMeta> files = files(test);
        long hits = HITS.get();
        assertThat(files.get("42")).isEmpty();
        files.put("42", new FileMeta("report.pdf", 1234));
        assertThat(files.get("42")).contains(new FileMeta("report.pdf", 1234));
        assertThat(HITS.get() - hits).isEqualTo(1);
        assertThat(files.exists("42")).isTrue();
        String stored = client.keys().cacheEntryKey(files.region().name(), 0, "file:metadata:42");
        assertThat(client.sync().pttl(stored)).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
        assertThat(client.sync().get(stored)).isEqualTo("{\"name\":\"report.pdf\",\"size\":1234}");
        assertThat(files.delete("42")).isTrue();
        assertThat(files.exists("42")).isFalse();
        assertThat(files.delete("42")).isFalse();
    }

    @Test
    void aRegionWithoutPlaceholderHasOneKey() {
        CacheRegion<String> status = caches.region(Region.of("replication-status", "replication:status",
                Duration.ofSeconds(60)), Codec.strings());
        status.put("healthy");
        assertThat(status.get()).contains("healthy");
        assertThatThrownBy(() -> status.get("x")).hasMessageContaining("single key");
    }

    @Test
    void manyCallersOfAMissingKeyRunTheLoaderOnce(TestInfo test) throws Exception {
        CacheRegion<FileMeta> files = files(test);
        AtomicInteger loads = new AtomicInteger();
        List<CompletableFuture<FileMeta>> callers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> files.getOrLoad("7", () -> {
                loads.incrementAndGet();
                slowLoad();
                return new FileMeta("seven", 7);
            })));
        }
        for (CompletableFuture<FileMeta> caller : callers) {
            assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo(new FileMeta("seven", 7));
        }
        assertThat(loads.get()).isEqualTo(1);
        assertThat(files.get("7")).contains(new FileMeta("seven", 7));
    }

    @Test
    void aFailingLoaderCachesNothingAndIsTriedAgainNextTime(TestInfo test) {
        CacheRegion<FileMeta> files = files(test);
        assertThatThrownBy(() -> files.getOrLoad("9", () -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(CacheLoadException.class).hasMessageContaining("database down");
        assertThat(files.exists("9")).isFalse();
        assertThat(files.getOrLoad("9", () -> new FileMeta("nine", 9))).isEqualTo(new FileMeta("nine", 9));
    }

    @Test
    void anUndecodableValueIsATypedErrorForGetAndReloadedByGetOrLoad(TestInfo test) {
        CacheRegion<FileMeta> files = files(test);
        client.sync().set(client.keys().cacheEntryKey(files.region().name(), 0, "file:metadata:5"), "not json");
        assertThatThrownBy(() -> files.get("5")).isInstanceOf(CacheDecodeException.class)
                .hasMessageContaining("not a FileMeta in JSON");
        assertThat(files.getOrLoad("5", () -> new FileMeta("five", 5))).isEqualTo(new FileMeta("five", 5));
        assertThat(files.get("5")).contains(new FileMeta("five", 5));
    }

    @Test
    void invalidationByPatternDeletesOnlyMatchingEntries(TestInfo test) {
        CacheRegion<FileMeta> files = files(test);
        for (int i = 0; i < 300; i++) {
            files.put(Integer.toString(i), new FileMeta("f" + i, i));
        }
        // 1, 10-19, 100-199: 111 ids start with 1.
        assertThat(files.invalidate("1*")).isEqualTo(111);
        assertThat(files.exists("150")).isFalse();
        assertThat(files.exists("250")).isTrue();
        assertThat(files.exists("2")).isTrue();
    }

    @Test
    void bumpingTheVersionHidesEveryEntryHereAndInOtherInstances(TestInfo test) throws Exception {
        CacheRegion<FileMeta> files = files(test);
        try (SpinelClient otherClient = SpinelClient.create(REDIS.uri());
             CacheManager other = CacheManager.create(otherClient)) {
            CacheRegion<FileMeta> elsewhere = other.region(files.region(), JsonCodec.of(FileMeta.class));
            files.put("1", new FileMeta("one", 1));
            assertThat(elsewhere.get("1")).isPresent();

            long version = files.invalidateAll();
            assertThat(version).isEqualTo(1);
            assertThat(files.get("1")).isEmpty();
            Awaitility.await("the other instance to hear the version bump").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5)).until(() -> elsewhere.get("1").isEmpty());
            elsewhere.put("1", new FileMeta("new one", 1));
            assertThat(files.get("1")).contains(new FileMeta("new one", 1));
        }
    }

    @Test
    void earlyRefreshReloadsAHotEntryBeforeItExpires(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        // A huge beta makes every hit refresh, which shows the mechanism without waiting for expiry.
        CacheRegion<String> hot = caches.region(Region.of(name, "hot:{id}", Duration.ofMinutes(1))
                .withEarlyRefresh(1e9), Codec.strings());
        AtomicInteger loads = new AtomicInteger();
        long misses = MISSES.get();
        assertThat(hot.getOrLoad("k", () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        assertThat(hot.getOrLoad("k", () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
        Awaitility.await("the background refresh").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> hot.get("k").orElseThrow().equals("v2"));
        assertThat(MISSES.get() - misses).as("only the first call missed").isEqualTo(1);
    }

    private static void slowLoad() {
        try {
            // The load takes a while, as a database query would, so that callers pile up behind it.
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

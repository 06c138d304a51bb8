package dev.spinel.ops.warm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spinel.client.audit.ConsistencyAudit;
import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.shard.ClusterSlots;
import dev.spinel.client.warm.CacheWarmer;
import dev.spinel.client.warm.WarmEntry;
import dev.spinel.client.warm.WarmReport;
import dev.spinel.client.warm.WarmSource;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.audit.Audits;
import dev.spinel.ops.form.TopologyFixture;
import dev.spinel.ops.monitor.ClientUri;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.testkit.RedisLeakCheck;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Warming a real 3-shard cluster from files: every good line loaded, bad ones reported, critical
 * ones first, and an audit afterwards finds every replica clean.
 */
@ExtendWith(RedisLeakCheck.class)
class WarmingIT {
    @TempDir
    Path temp;

    @Test
    void aFileIsLoadedIntoEveryShardWithItsMalformedLinesReportedAndASampleCheckedOnReplicas() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(i % 100 == 0 ? "{\"key\":\"hot:" + i + "\",\"value\":\"v" + i + "\",\"critical\":true}"
                    : i % 7 == 0 ? "{\"key\":\"ttl:" + i + "\",\"value\":{\"n\":" + i + "},\"ttl\":600}"
                    : "{\"key\":\"plain:" + i + "\",\"value\":\"v" + i + "\"}");
        }
        lines.add(1000, "{\"key\":\"no-value\"}");
        lines.add(2000, "{\"key\":\"k\",\"value\":\"v\",\"ttl\":1.5}");
        lines.add(2500, "");
        lines.add("not json at all");
        Path file = temp.resolve("entries.jsonl");
        Files.write(file, lines);

        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            Warming.Result result = Warming.run(new Warming.Request(fixture.dir, file, WarmFile.Format.JSONL, 3, 100,
                    500), loaded -> { });
            WarmReport report = result.report();
            assertThat(report.loaded()).isEqualTo(3000);
            assertThat(report.failed()).isZero();
            assertThat(result.skipped()).containsOnlyKeys(1001L, 2001L, 3004L);
            assertThat(result.skipped().get(1001L)).isEqualTo("no \"value\"");
            assertThat(result.skipped().get(2001L)).contains("\"ttl\" must be a whole number");
            assertThat(result.skipped().get(3004L)).startsWith("not JSON");
            assertThat(result.skippedLines()).contains(file + ":1001: no \"value\"");
            assertThat(report.sampled()).isEqualTo(500);
            assertThat(report.rightOnPrimaries()).isEqualTo(500);
            assertThat(report.rightOnReplicas()).as("every replica asked has the sampled keys").isEqualTo(500);

            try (SpinelClient client = SpinelClient.create(ClientUri.of(WatchTarget.ofProject(fixture.dir)))) {
                assertThat(client.sync().get("ttl:7")).isEqualTo("{\"n\":7}");
                assertThat(client.sync().ttl("ttl:7")).isBetween(1L, 600L);
                assertThat(client.sync().ttl("plain:1")).isEqualTo(-1L);
                // The keys landed on all three shards.
                assertThat(IntStream.range(0, 3000).mapToObj(i -> "plain:" + i).map(client::shardOf).distinct())
                        .hasSize(3);
            }
            // Warm, then audit: every replica holds exactly what its primary does.
            Audits.Result audit = Audits.run(fixture.dir, false);
            assertThat(audit.found()).hasSize(3).allSatisfy(pair -> assertThat(pair.clean()).as(pair.toString()).isTrue());
            assertThat(audit.found().stream().mapToLong(ConsistencyAudit.PairReport::keysCompared).sum()).isEqualTo(3000);
        }
    }

    @Test
    void criticalEntriesAreAllAcknowledgedBeforeAnyOtherIsRead() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            try (SpinelClient client = SpinelClient.create(ClientUri.of(WatchTarget.ofProject(fixture.dir)))) {
                List<WarmEntry> critical = IntStream.range(0, 2500).mapToObj(i -> new WarmEntry("critical:" + i,
                        "c" + i, Optional.empty(), true)).toList();
                List<WarmEntry> others = IntStream.range(0, 2500).mapToObj(i -> WarmEntry.of("other:" + i, "o" + i))
                        .toList();
                long[] presentWhenOthersBegan = {-1};
                WarmSource source = new WarmSource() {
                    @Override
                    public Iterable<WarmEntry> critical() {
                        return critical;
                    }

                    @Override
                    public Iterable<WarmEntry> others() {
                        return () -> {
                            presentWhenOthersBegan[0] = critical.stream().filter(e -> client.sync().exists(e.key()) == 1)
                                    .count();
                            return others.iterator();
                        };
                    }
                };
                WarmReport report = CacheWarmer.builder(client).batchSize(200).build().warm(source, loaded -> { });
                assertThat(presentWhenOthersBegan[0]).isEqualTo(2500);
                assertThat(report.loaded()).isEqualTo(5000);
                assertThat(report.rightOnPrimaries()).isEqualTo(report.sampled());
            }
        }
    }

    @Test
    void aKeyGivenTwiceEndsWithItsLastValueThoughBatchesAreWrittenByThreeThreads() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 1, Optional.empty())) {
            fixture.up(fixture.draft("standalone", null, null, null));
            try (SpinelClient client = SpinelClient.create(ClientUri.of(WatchTarget.ofProject(fixture.dir)))) {
                // 2000 batches of ten, every one for the same primary and holding the same ten keys:
                // three sender threads race for its socket, and only the order of the input may win.
                List<WarmEntry> entries = IntStream.range(0, 20_000).mapToObj(i -> WarmEntry.of("dup:" + i % 10,
                        Integer.toString(i))).toList();
                WarmReport report = CacheWarmer.builder(client).batchSize(10).sampleSize(0).build()
                        .warm(entries, loaded -> { });
                assertThat(report.loaded()).isEqualTo(20_000);
                for (int k = 0; k < 10; k++) {
                    assertThat(client.sync().get("dup:" + k)).as("dup:" + k).isEqualTo(Integer.toString(19_990 + k));
                }
            }
        }
    }

    @Test
    void anMsetRedirectedAfterItsSlotMovedIsRetriedKeyByKeyThroughTheClient() throws Exception {
        try (TopologyFixture fixture = new TopologyFixture(temp, 6, Optional.empty())) {
            fixture.up(fixture.draft("cluster", null, null, null));
            try (SpinelClient client = SpinelClient.create(ClientUri.of(WatchTarget.ofProject(fixture.dir)))) {
                int slot = ClusterSlots.slot("moved");
                String sourceId = client.shardOfSlot(slot);
                Map<String, Integer> primaries = new LinkedHashMap<>();
                for (InetSocketAddress address : client.primaryAddresses()) {
                    try (Jedis primary = fixture.jedis(address.getPort())) {
                        primaries.put(primary.clusterMyId(), address.getPort());
                    }
                }
                String targetId = primaries.keySet().stream().filter(id -> !id.equals(sourceId)).findFirst()
                        .orElseThrow();
                // The empty slot moves to another primary behind the client's back: its map of slots is stale.
                try (Jedis source = fixture.jedis(primaries.get(sourceId));
                     Jedis target = fixture.jedis(primaries.get(targetId))) {
                    target.clusterSetSlotImporting(slot, sourceId);
                    source.clusterSetSlotMigrating(slot, targetId);
                    for (int port : primaries.values()) {
                        try (Jedis primary = fixture.jedis(port)) {
                            primary.clusterSetSlotNode(slot, targetId);
                        }
                    }
                    List<WarmEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        entries.add(WarmEntry.of("{moved}:" + i, "m" + i));
                        entries.add(WarmEntry.of("plain:" + i, "p" + i));
                    }
                    WarmReport report = CacheWarmer.builder(client).build().warm(entries, loaded -> { });

                    assertThat(report.loaded()).isEqualTo(600);
                    assertThat(report.failed()).isZero();
                    assertThat(source.info("errorstats")).as("the old owner answered the MSETs with MOVED")
                            .contains("errorstat_MOVED:count=");
                    for (int i = 0; i < 300; i++) {
                        assertThat(target.get("{moved}:" + i)).isEqualTo("m" + i);
                    }
                    assertThat(client.sync().get("plain:299")).isEqualTo("p299");
                }
            }
        }
    }

    @Test
    void aFileWhoseFormatCannotBeToldIsRefused() {
        assertThatThrownBy(() -> WarmFile.Format.of(temp.resolve("entries.txt"))).isInstanceOf(SpinelException.class)
                .hasMessageContaining("use .jsonl or .csv");
        assertThatThrownBy(() -> new WarmFile(temp.resolve("missing.jsonl"), WarmFile.Format.JSONL))
                .hasMessageContaining("no such readable file");
    }
}

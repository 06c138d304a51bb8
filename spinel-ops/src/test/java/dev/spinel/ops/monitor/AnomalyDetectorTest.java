package dev.spinel.ops.monitor;

import static dev.spinel.ops.monitor.Samples.SENTINEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private final AnomalyDetector detector = new AnomalyDetector();
    private long sequence;

    private List<MonitorEvent> next(Expectations expected, List<NodeSample> nodes) {
        return detector.next(Samples.snapshot(++sequence, expected, nodes));
    }

    private static List<EventType> types(List<MonitorEvent> events) {
        return events.stream().map(MonitorEvent::type).toList();
    }

    @Test
    void aNodeGoingDownAndComingBackIsReportedOnceEachWay() {
        List<NodeSample> healthy = Samples.healthySentinelTopology();
        List<NodeSample> replicaDown = new ArrayList<>(healthy);
        replicaDown.set(0, Samples.primary(6379, 500, "6380:0:500"));
        replicaDown.set(2, Samples.down(Samples.data(6381)));

        assertThat(next(SENTINEL, healthy)).isEmpty();
        List<MonitorEvent> down = next(SENTINEL, replicaDown);
        assertThat(types(down)).containsExactlyInAnyOrder(EventType.NODE_DOWN, EventType.HEALTH_CHANGED);
        assertThat(down).filteredOn(e -> e.type() == EventType.NODE_DOWN).singleElement()
                .satisfies(e -> assertThat(e.node()).isEqualTo("redis-6381"));
        assertThat(next(SENTINEL, replicaDown)).as("still down: nothing new").isEmpty();
        assertThat(types(next(SENTINEL, healthy))).containsExactlyInAnyOrder(EventType.NODE_UP, EventType.HEALTH_CHANGED);
    }

    @Test
    void aSentinelFailoverIsOneEventWithTheOldAndTheNewPrimary() {
        List<NodeSample> before = Samples.healthySentinelTopology();
        List<NodeSample> during = new ArrayList<>(before);
        during.set(0, Samples.down(Samples.data(6379)));
        List<NodeSample> after = new ArrayList<>(during);
        after.set(1, Samples.primary(6380, 900, "6381:0:900"));
        after.set(2, Samples.replica(6381, 6380, 900, "up"));
        for (int i = 3; i < 6; i++) {
            after.set(i, Samples.sentinel(26379 + i - 3, 6380, "master", 2));
        }

        List<MonitorEvent> events = new ArrayList<>();
        events.addAll(next(SENTINEL, before));
        events.addAll(next(SENTINEL, during));
        events.addAll(next(SENTINEL, after));
        events.addAll(next(SENTINEL, after));

        assertThat(events).filteredOn(e -> e.type() == EventType.FAILOVER).singleElement().satisfies(e -> {
            assertThat(e.details()).containsEntry("old_primary", "127.0.0.1:6379")
                    .containsEntry("new_primary", "127.0.0.1:6380");
            assertThat(e.message()).isEqualTo("failover: primary redis-6379 (127.0.0.1:6379) -> redis-6380 (127.0.0.1:6380)");
        });
    }

    @Test
    void aClusterReplicaThatBecomesPrimaryIsAFailoverOfTheNodeItReplicated() {
        next(Samples.CLUSTER, List.of(Samples.clusterNode(7003, "slave", "ok", 16384)));
        List<MonitorEvent> events = next(Samples.CLUSTER, List.of(Samples.clusterNode(7003, "master", "ok", 16384)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.FAILOVER);
            assertThat(e.details()).containsEntry("old_primary", "127.0.0.1:7000")
                    .containsEntry("new_primary", "127.0.0.1:7003");
        });
    }

    @Test
    void slotsFailingAndRecoveringAreEvents() {
        next(Samples.CLUSTER, List.of(Samples.clusterNode(7000, "master", "ok", 16384)));

        assertThat(types(next(Samples.CLUSTER, List.of(Samples.clusterNode(7000, "master", "fail", 10923)))))
                .contains(EventType.SLOTS_FAILING);
        assertThat(types(next(Samples.CLUSTER, List.of(Samples.clusterNode(7000, "master", "ok", 16384)))))
                .contains(EventType.SLOTS_OK);
    }

    @Test
    void aRoundTripFarAboveTheNodesBaselineIsASpikeReportedOnce() {
        List<NodeSample> normal = List.of(withRtt(Samples.primary(6379, 1), 200));
        for (int i = 0; i < AnomalyDetector.BASELINE_MINIMUM; i++) {
            assertThat(next(Samples.CLUSTER, normal)).isEmpty();
        }
        List<NodeSample> slow = List.of(withRtt(Samples.primary(6379, 1), 50_000));

        assertThat(next(Samples.CLUSTER, slow)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.RTT_SPIKE);
            assertThat(e.details()).containsEntry("baseline_micros", "200").containsEntry("rtt_micros", "50000");
        });
        assertThat(next(Samples.CLUSTER, slow)).as("the same spike").isEmpty();
        assertThat(next(Samples.CLUSTER, normal)).isEmpty();
        assertThat(types(next(Samples.CLUSTER, slow))).as("a new spike").containsExactly(EventType.RTT_SPIKE);
    }

    @Test
    void aSmallAbsoluteRoundTripIsNeverASpikeHoweverLowTheBaseline() {
        for (int i = 0; i < AnomalyDetector.BASELINE_MINIMUM; i++) {
            next(Samples.CLUSTER, List.of(withRtt(Samples.primary(6379, 1), 50)));
        }
        assertThat(next(Samples.CLUSTER, List.of(withRtt(Samples.primary(6379, 1), 1_500)))).isEmpty();
    }

    @Test
    void evictionsStartingAndMemoryNearTheLimitAreEvents() {
        Map<String, String> calm = Map.of("evicted_keys", "10", "used_memory", "100", "maxmemory", "1000");
        Map<String, String> evicting = Map.of("evicted_keys", "25", "used_memory", "950", "maxmemory", "1000");
        next(SENTINEL, List.of(Samples.primary(6379, 1, calm)));

        List<MonitorEvent> events = next(SENTINEL, List.of(Samples.primary(6379, 1, evicting)));

        assertThat(types(events)).contains(EventType.EVICTIONS_STARTED, EventType.MEMORY_HIGH);
        assertThat(events).filteredOn(e -> e.type() == EventType.EVICTIONS_STARTED).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("evicted", "15"));
    }

    private static NodeSample withRtt(NodeSample sample, long micros) {
        return new NodeSample(sample.node(), null, micros, sample.info(), sample.clusterInfo(), sample.clusterNodes(),
                sample.sentinel());
    }
}

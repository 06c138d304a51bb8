package dev.spinel.ops.monitor;

import dev.spinel.ops.topology.Mode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns consecutive snapshots into events: a node going down or coming back, a failover, slots
 * failing, replica lag or memory crossing its threshold, evictions starting, a round trip far
 * above the node's own rolling baseline, the health changing. Each condition is reported when it
 * starts (and, for nodes and slots, when it ends), not on every poll while it lasts.
 * Pure: no clock or I/O, the snapshots carry the time.
 */
public final class AnomalyDetector {
    /** Round trips a node's baseline is the median of. */
    static final int BASELINE_SAMPLES = 60;
    /** Samples needed before spikes are judged, so the first slow connections do not count. */
    static final int BASELINE_MINIMUM = 10;

    private Snapshot previous;
    private String lastPrimary;
    private final Map<String, Deque<Long>> roundTrips = new HashMap<>();
    private final Set<String> spiking = new HashSet<>();
    private final Set<String> evictingBefore = new HashSet<>();

    public List<MonitorEvent> next(Snapshot current) {
        List<MonitorEvent> events = new ArrayList<>();
        if (previous != null) {
            nodesDownAndUp(current, events);
            conditions(current, events);
            evictions(current, events);
            if (previous.health().status() != current.health().status()) {
                events.add(event(current, EventType.HEALTH_CHANGED, null, "topology " + previous.health().status().id()
                        + " -> " + current.health().status().id()
                        + current.health().reasons().stream().findFirst().map(r -> ": " + r.line()).orElse(""),
                        Map.of("from", previous.health().status().id(), "to", current.health().status().id())));
            }
        }
        failovers(current, events);
        roundTripSpikes(current, events);
        previous = current;
        return events;
    }

    private void nodesDownAndUp(Snapshot current, List<MonitorEvent> events) {
        for (NodeSample now : current.nodes()) {
            previous.node(now.node().name()).ifPresent(before -> {
                if (before.reachable() && !now.reachable()) {
                    events.add(event(current, EventType.NODE_DOWN, now.node().name(), now.node().name() + " ("
                            + now.node().address() + ") does not answer: " + now.error(), Map.of("error", now.error())));
                } else if (!before.reachable() && now.reachable()) {
                    events.add(event(current, EventType.NODE_UP, now.node().name(), now.node().name() + " answers again as "
                            + now.role(), Map.of("role", now.role())));
                }
            });
        }
    }

    /** Conditions the health rules already name: reported when their reason first appears. */
    private void conditions(Snapshot current, List<MonitorEvent> events) {
        Set<String> before = reasonKeys(previous);
        for (Health.Reason reason : current.health().reasons()) {
            EventType type = switch (reason.code()) {
                case SLOTS_NOT_OK, SLOTS_UNASSIGNED, CLUSTER_STATE_FAIL -> EventType.SLOTS_FAILING;
                case REPLICA_LAG -> EventType.LAG_HIGH;
                case MEMORY_HIGH -> EventType.MEMORY_HIGH;
                default -> null;
            };
            if (type != null && !before.contains(key(reason))) {
                events.add(event(current, type, reason.node(), reason.line(), Map.of("code", reason.code().name())));
            }
        }
        boolean slotsFailedBefore = hasSlotProblem(previous);
        if (slotsFailedBefore && !hasSlotProblem(current) && current.expected().mode() == Mode.CLUSTER) {
            events.add(event(current, EventType.SLOTS_OK, null, "all 16384 slots served again, cluster_state:ok",
                    Map.of()));
        }
    }

    private static boolean hasSlotProblem(Snapshot snapshot) {
        return snapshot.health().reasons().stream().anyMatch(r -> r.code() == HealthCode.SLOTS_NOT_OK
                || r.code() == HealthCode.SLOTS_UNASSIGNED || r.code() == HealthCode.CLUSTER_STATE_FAIL);
    }

    private static Set<String> reasonKeys(Snapshot snapshot) {
        return snapshot.health().reasons().stream().map(AnomalyDetector::key).collect(Collectors.toSet());
    }

    private static String key(Health.Reason reason) {
        return reason.code() + "@" + reason.node();
    }

    private void evictions(Snapshot current, List<MonitorEvent> events) {
        for (NodeSample now : current.dataNodes()) {
            NodeSample before = previous.node(now.node().name()).orElse(null);
            if (before == null || !before.reachable() || !now.reachable()) {
                continue;
            }
            long evictedNow = now.number("evicted_keys").orElse(0L);
            long evictedBefore = before.number("evicted_keys").orElse(0L);
            if (evictedNow > evictedBefore && !evictingBefore.contains(now.node().name())) {
                evictingBefore.add(now.node().name());
                events.add(event(current, EventType.EVICTIONS_STARTED, now.node().name(), now.node().name() + " evicted "
                        + (evictedNow - evictedBefore) + " keys since the last poll (maxmemory-policy "
                        + now.info().field("maxmemory_policy").orElse("?") + ")",
                        Map.of("evicted", Long.toString(evictedNow - evictedBefore))));
            } else if (evictedNow == evictedBefore) {
                evictingBefore.remove(now.node().name());
            }
        }
    }

    /**
     * One event per change of primary. Outside a cluster the primary is the one the Sentinels
     * name (what clients are sent to, switched at +switch-master), or the single node reporting
     * role:master; in a cluster, a replica that became primary replaced the node it replicated.
     */
    private void failovers(Snapshot current, List<MonitorEvent> events) {
        if (current.expected().mode() == Mode.CLUSTER) {
            clusterFailovers(current, events);
            return;
        }
        String primary = currentPrimary(current);
        if (primary != null && lastPrimary != null && !primary.equals(lastPrimary)) {
            events.add(event(current, EventType.FAILOVER, current.nameOf(primary), "failover: primary "
                    + current.nameOf(lastPrimary) + " (" + lastPrimary + ") -> " + current.nameOf(primary) + " ("
                    + primary + ")", Map.of("old_primary", lastPrimary, "new_primary", primary)));
        }
        if (primary != null) {
            lastPrimary = primary;
        }
    }

    private static String currentPrimary(Snapshot snapshot) {
        Map<String, Long> named = snapshot.sentinels().stream()
                .filter(s -> s.reachable() && s.sentinel() != null)
                .collect(Collectors.groupingBy(s -> s.sentinel().primary().address(), Collectors.counting()));
        if (!named.isEmpty()) {
            return named.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
        }
        List<String> primaries = snapshot.dataNodes().stream().filter(NodeSample::isPrimary)
                .map(s -> s.node().address()).toList();
        return primaries.size() == 1 ? primaries.get(0) : null;
    }

    private void clusterFailovers(Snapshot current, List<MonitorEvent> events) {
        if (previous == null) {
            return;
        }
        for (NodeSample now : current.dataNodes()) {
            NodeSample before = previous.node(now.node().name()).orElse(null);
            if (before != null && before.isReplica() && now.isPrimary()) {
                String old = before.info().masterAddress().orElse("?");
                events.add(event(current, EventType.FAILOVER, now.node().name(), "failover: primary "
                        + current.nameOf(old) + " (" + old + ") -> " + now.node().name() + " (" + now.node().address()
                        + ")" + slotsOf(now), Map.of("old_primary", old, "new_primary", now.node().address())));
            }
        }
    }

    private static String slotsOf(NodeSample node) {
        return node.clusterSelf().map(me -> ", slots " + me.slots()).orElse("");
    }

    private void roundTripSpikes(Snapshot current, List<MonitorEvent> events) {
        var thresholds = current.expected().thresholds();
        for (NodeSample sample : current.nodes()) {
            String name = sample.node().name();
            if (!sample.reachable()) {
                continue;
            }
            Deque<Long> history = roundTrips.computeIfAbsent(name, n -> new ArrayDeque<>());
            if (history.size() >= BASELINE_MINIMUM) {
                long baseline = median(history);
                long limit = Math.max(thresholds.rttSpikeFloorMicros(), (long) (thresholds.rttSpikeFactor() * baseline));
                if (sample.rttMicros() > limit) {
                    if (spiking.add(name)) {
                        events.add(event(current, EventType.RTT_SPIKE, name, String.format(
                                "%s round trip %.2f ms, %.0fx its baseline of %.2f ms", name, sample.rttMicros() / 1000.0,
                                (double) sample.rttMicros() / Math.max(1, baseline), baseline / 1000.0),
                                Map.of("rtt_micros", Long.toString(sample.rttMicros()),
                                        "baseline_micros", Long.toString(baseline))));
                    }
                    // A spike does not become the baseline it is judged against.
                    continue;
                }
                spiking.remove(name);
            }
            history.addLast(sample.rttMicros());
            if (history.size() > BASELINE_SAMPLES) {
                history.removeFirst();
            }
        }
    }

    private static long median(Deque<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static MonitorEvent event(Snapshot snapshot, EventType type, String node, String message,
                                      Map<String, String> details) {
        return new MonitorEvent(snapshot.at(), type, node, message, details);
    }
}

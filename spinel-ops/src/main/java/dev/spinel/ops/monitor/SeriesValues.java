package dev.spinel.ops.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values one snapshot adds to the time series, per node and for the topology ("total").
 * Counters (keyspace hits and misses, evicted keys) become rates against the previous snapshot.
 */
final class SeriesValues {
    private SeriesValues() {
    }

    static Map<String, Double> of(Snapshot snapshot, Snapshot previous) {
        Map<String, Double> values = new LinkedHashMap<>();
        double ops = 0;
        double memory = 0;
        double clients = 0;
        double hits = 0;
        double lookups = 0;
        double evictions = 0;
        double maxLag = 0;
        for (NodeSample node : snapshot.nodes()) {
            if (!node.reachable()) {
                continue;
            }
            String name = node.node().name();
            values.put(SeriesStore.key(name, SeriesStore.Metric.RTT_MS), node.rttMicros() / 1000.0);
            values.put(SeriesStore.key(name, SeriesStore.Metric.CONNECTED_CLIENTS), (double) node.info().connectedClients());
            clients += node.info().connectedClients();
            if (node.node().kind() != NodeRef.Kind.DATA) {
                continue;
            }
            double nodeOps = node.number("instantaneous_ops_per_sec").orElse(0L);
            values.put(SeriesStore.key(name, SeriesStore.Metric.OPS_PER_SEC), nodeOps);
            values.put(SeriesStore.key(name, SeriesStore.Metric.USED_MEMORY), (double) node.info().usedMemory());
            values.put(SeriesStore.key(name, SeriesStore.Metric.REPL_OFFSET), (double) node.info().replicationOffset());
            ops += nodeOps;
            memory += node.info().usedMemory();
            NodeSample before = previous == null ? null : previous.node(name).filter(NodeSample::reachable).orElse(null);
            if (before != null) {
                double seconds = Math.max(0.001, (snapshot.at().toEpochMilli() - previous.at().toEpochMilli()) / 1000.0);
                double hitDelta = delta(node, before, "keyspace_hits");
                double missDelta = delta(node, before, "keyspace_misses");
                double evicted = delta(node, before, "evicted_keys");
                if (hitDelta + missDelta > 0) {
                    values.put(SeriesStore.key(name, SeriesStore.Metric.HIT_RATE), hitDelta / (hitDelta + missDelta));
                }
                values.put(SeriesStore.key(name, SeriesStore.Metric.EVICTIONS_PER_SEC), evicted / seconds);
                hits += hitDelta;
                lookups += hitDelta + missDelta;
                evictions += evicted / seconds;
            }
            if (node.isReplica()) {
                double lag = snapshot.lagBytes(node);
                values.put(SeriesStore.key(name, SeriesStore.Metric.LAG_BYTES), lag);
                maxLag = Math.max(maxLag, lag);
            }
        }
        String total = SeriesStore.TOTAL;
        values.put(SeriesStore.key(total, SeriesStore.Metric.OPS_PER_SEC), ops);
        values.put(SeriesStore.key(total, SeriesStore.Metric.USED_MEMORY), memory);
        values.put(SeriesStore.key(total, SeriesStore.Metric.CONNECTED_CLIENTS), clients);
        values.put(SeriesStore.key(total, SeriesStore.Metric.LAG_BYTES), maxLag);
        values.put(SeriesStore.key(total, SeriesStore.Metric.EVICTIONS_PER_SEC), evictions);
        if (lookups > 0) {
            values.put(SeriesStore.key(total, SeriesStore.Metric.HIT_RATE), hits / lookups);
        }
        snapshot.nodes().stream().filter(NodeSample::reachable).mapToLong(NodeSample::rttMicros).max()
                .ifPresent(worst -> values.put(SeriesStore.key(total, SeriesStore.Metric.RTT_MS), worst / 1000.0));
        return values;
    }

    private static double delta(NodeSample now, NodeSample before, String counter) {
        // A restarted node starts its counters again: count from zero rather than going negative.
        long current = now.number(counter).orElse(0L);
        long earlier = before.number(counter).orElse(0L);
        return current >= earlier ? current - earlier : current;
    }
}

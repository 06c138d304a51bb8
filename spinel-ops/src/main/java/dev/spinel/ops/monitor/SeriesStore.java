package dev.spinel.ops.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time series of every node and of the whole topology, from consecutive snapshots: each poll's
 * value in a fine ring (10 minutes at the poll period), and 10-second aggregates in a coarse ring
 * (24 hours): the mean, and for the round trip its p50 and p99 within the bucket.
 */
public final class SeriesStore {
    public static final String TOTAL = "total";
    public static final Duration FINE_SPAN = Duration.ofMinutes(10);
    public static final Duration COARSE_STEP = Duration.ofSeconds(10);
    public static final Duration COARSE_SPAN = Duration.ofHours(24);

    /** The metrics kept, by the name the API and dashboard use. */
    public enum Metric {
        OPS_PER_SEC, USED_MEMORY, HIT_RATE, CONNECTED_CLIENTS, REPL_OFFSET, LAG_BYTES, RTT_MS, RTT_P50_MS, RTT_P99_MS,
        EVICTIONS_PER_SEC;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Metric> of(String id) {
            return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
        }
    }

    /** One point of a series. */
    public record Point(long at, double value) {
    }

    private final int fineCapacity;
    private final Map<String, Ring> fine = new LinkedHashMap<>();
    private final Map<String, Ring> coarse = new LinkedHashMap<>();
    private final Map<String, List<Double>> bucket = new LinkedHashMap<>();
    private long bucketStart = -1;
    private Snapshot previous;

    public SeriesStore(Duration period) {
        this.fineCapacity = (int) Math.max(1, FINE_SPAN.toMillis() / Math.max(1, period.toMillis()));
    }

    public synchronized void add(Snapshot snapshot) {
        long at = snapshot.at().toEpochMilli();
        Map<String, Double> values = SeriesValues.of(snapshot, previous);
        previous = snapshot;
        values.forEach((key, value) -> fine.computeIfAbsent(key, k -> new Ring(fineCapacity)).add(at, value));
        if (bucketStart >= 0 && at - bucketStart >= COARSE_STEP.toMillis()) {
            flushBucket();
        }
        if (bucketStart < 0) {
            bucketStart = at - at % COARSE_STEP.toMillis();
        }
        values.forEach((key, value) -> bucket.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
    }

    private void flushBucket() {
        int capacity = (int) (COARSE_SPAN.toMillis() / COARSE_STEP.toMillis());
        for (var entry : bucket.entrySet()) {
            List<Double> samples = entry.getValue();
            double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            coarse.computeIfAbsent(entry.getKey(), k -> new Ring(capacity)).add(bucketStart, mean);
            if (entry.getKey().endsWith("/" + Metric.RTT_MS.id())) {
                String node = entry.getKey().substring(0, entry.getKey().lastIndexOf('/'));
                double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                coarse.computeIfAbsent(key(node, Metric.RTT_P50_MS), k -> new Ring(capacity))
                        .add(bucketStart, percentile(sorted, 0.50));
                coarse.computeIfAbsent(key(node, Metric.RTT_P99_MS), k -> new Ring(capacity))
                        .add(bucketStart, percentile(sorted, 0.99));
            }
        }
        bucket.clear();
        bucketStart = -1;
    }

    static double percentile(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * A series since a time: the fine ring when the range fits in it, else the coarse one. The
     * round trip's p50 and p99 exist only as 10-second aggregates.
     */
    public synchronized List<Point> series(String node, Metric metric, Duration range, long nowMillis) {
        long since = nowMillis - range.toMillis();
        boolean percentile = metric == Metric.RTT_P50_MS || metric == Metric.RTT_P99_MS;
        Ring ring = !percentile && range.compareTo(FINE_SPAN) <= 0 ? fine.get(key(node, metric))
                : coarse.get(key(node, metric));
        return ring == null ? List.of() : ring.since(since);
    }

    static String key(String node, Metric metric) {
        return node + "/" + metric.id();
    }
}

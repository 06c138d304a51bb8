package dev.spinel.ops.web;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects data points by metric name, then builds the Prometheus library's snapshots of them. */
final class MetricsBuilder {
    private record Family(InfoMetrics.Type type, String help, List<Map.Entry<Labels, Double>> points) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    void gauge(String name, String help, Labels labels, double value) {
        add(name, InfoMetrics.Type.GAUGE, help, labels, value);
    }

    /** A counter, by its name without the _total the exposition adds. */
    void counter(String name, String help, Labels labels, double value) {
        add(name, InfoMetrics.Type.COUNTER, help, labels, value);
    }

    private void add(String name, InfoMetrics.Type type, String help, Labels labels, double value) {
        families.computeIfAbsent(name, n -> new Family(type, help, new ArrayList<>())).points()
                .add(Map.entry(labels, value));
    }

    MetricSnapshots build() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        families.forEach((name, family) -> {
            if (family.type() == InfoMetrics.Type.COUNTER) {
                CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(family.help());
                family.points().forEach(p -> builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(p.getKey()).value(p.getValue()).build()));
                snapshots.add(builder.build());
            } else {
                GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(family.help());
                family.points().forEach(p -> builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(p.getKey()).value(p.getValue()).build()));
                snapshots.add(builder.build());
            }
        });
        return new MetricSnapshots(snapshots);
    }
}

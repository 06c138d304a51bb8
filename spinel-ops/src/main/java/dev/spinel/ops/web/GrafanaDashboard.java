package dev.spinel.ops.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Grafana dashboard (JSON model, importable as is) over the console's /metrics: health and
 * failovers from the spinel_* metrics, per-node panels from redis_exporter's names. A Prometheus
 * data source is chosen at import time through the ${DS_PROMETHEUS} input.
 */
public final class GrafanaDashboard {
    /** One time-series panel: its title, unit and PromQL expressions with their legends. */
    record Panel(String title, String unit, List<String[]> targets) {
    }

    static final List<Panel> PANELS = List.of(
            new Panel("Topology health (0 healthy, 1 degraded, 2 down)", "none",
                    List.<String[]>of(new String[] {"spinel_health_status", "{{topology}}"})),
            new Panel("Nodes up", "none", List.<String[]>of(
                    new String[] {"spinel_nodes_up", "up"}, new String[] {"spinel_nodes", "watched"})),
            new Panel("Failovers and events", "none", List.<String[]>of(
                    new String[] {"increase(spinel_failovers_total[5m])", "failovers"},
                    new String[] {"sum by (type) (increase(spinel_events_total[5m]))", "{{type}}"})),
            new Panel("Commands per second", "ops", List.<String[]>of(
                    new String[] {"rate(redis_commands_processed_total[1m])", "{{alias}}"})),
            new Panel("Memory used", "bytes", List.<String[]>of(
                    new String[] {"redis_memory_used_bytes", "{{alias}}"},
                    new String[] {"redis_memory_max_bytes", "{{alias}} max"})),
            new Panel("Hit rate", "percentunit", List.<String[]>of(new String[] {
                    "rate(redis_keyspace_hits_total[5m]) / (rate(redis_keyspace_hits_total[5m]) + "
                            + "rate(redis_keyspace_misses_total[5m]))", "{{alias}}"})),
            new Panel("Connected clients", "none", List.<String[]>of(
                    new String[] {"redis_connected_clients", "{{alias}}"})),
            new Panel("Replica lag", "bytes", List.<String[]>of(
                    new String[] {"spinel_replica_lag_bytes", "{{alias}}"})),
            new Panel("Round trip (PING)", "s", List.<String[]>of(
                    new String[] {"spinel_node_rtt_seconds", "{{alias}}"})),
            new Panel("Evictions per second", "ops", List.<String[]>of(
                    new String[] {"rate(redis_evicted_keys_total[1m])", "{{alias}}"})));

    private GrafanaDashboard() {
    }

    public static String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode dashboard = mapper.createObjectNode();
        ArrayNode inputs = dashboard.putArray("__inputs");
        ObjectNode input = inputs.addObject();
        input.put("name", "DS_PROMETHEUS").put("label", "Prometheus").put("type", "datasource")
                .put("pluginId", "prometheus");
        dashboard.put("title", "Spinel: Redis topology").put("uid", "spinel-topology").put("schemaVersion", 39)
                .put("refresh", "10s").put("editable", true);
        dashboard.putObject("time").put("from", "now-1h").put("to", "now");
        dashboard.putArray("tags").add("redis").add("spinel");
        ArrayNode panels = dashboard.putArray("panels");
        for (int i = 0; i < PANELS.size(); i++) {
            Panel panel = PANELS.get(i);
            ObjectNode node = panels.addObject();
            node.put("id", i + 1).put("type", "timeseries").put("title", panel.title());
            node.putObject("gridPos").put("h", 8).put("w", 12).put("x", (i % 2) * 12).put("y", (i / 2) * 8);
            node.putObject("datasource").put("type", "prometheus").put("uid", "${DS_PROMETHEUS}");
            node.putObject("fieldConfig").putObject("defaults").put("unit", panel.unit());
            ArrayNode targets = node.putArray("targets");
            char ref = 'A';
            for (String[] target : panel.targets()) {
                targets.addObject().put("refId", String.valueOf(ref++)).put("expr", target[0])
                        .put("legendFormat", target[1]);
            }
        }
        try {
            return mapper.writeValueAsString(dashboard) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the dashboard model did not serialize", e);
        }
    }
}

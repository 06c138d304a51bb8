package dev.spinel.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Expectations;
import dev.spinel.ops.monitor.NodeRef;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.topology.Mode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusExpositionTest {
    private static final Expectations EXPECTED = new Expectations(Mode.REPLICATION, null, 1, 0, 0, 1,
            Expectations.Thresholds.DEFAULT);

    static Snapshot sampleSnapshot() {
        NodeRef primaryRef = new NodeRef("redis-6379", "127.0.0.1", 6379, NodeRef.Kind.DATA);
        NodeRef replicaRef = new NodeRef("redis-6380", "127.0.0.1", 6380, NodeRef.Kind.DATA);
        NodeSample primary = new NodeSample(primaryRef, null, 250, InfoReply.parse("""
                # Server\r
                redis_version:7.0.15\r
                redis_mode:standalone\r
                uptime_in_seconds:120\r
                # Clients\r
                connected_clients:7\r
                # Memory\r
                used_memory:2097152\r
                maxmemory:104857600\r
                mem_fragmentation_ratio:1.25\r
                # Stats\r
                total_commands_processed:4200\r
                keyspace_hits:90\r
                keyspace_misses:10\r
                evicted_keys:0\r
                # Replication\r
                role:master\r
                connected_slaves:1\r
                slave0:ip=127.0.0.1,port=6380,state=online,offset=1000,lag=0\r
                master_repl_offset:1500\r
                # Keyspace\r
                db0:keys=42,expires=3,avg_ttl=0\r
                """), null, List.of(), null);
        NodeSample replica = new NodeSample(replicaRef, null, 300, InfoReply.parse("""
                # Replication\r
                role:slave\r
                master_host:127.0.0.1\r
                master_port:6379\r
                master_link_status:up\r
                slave_repl_offset:1000\r
                master_repl_offset:1000\r
                """), null, List.of(), null);
        NodeSample gone = NodeSample.unreachable(new NodeRef("redis-6381", "127.0.0.1", 6381, NodeRef.Kind.DATA),
                "Connection refused");
        return Snapshot.of(1, Instant.ofEpochSecond(1_800_000_000L), "/srv/app/.spinel", EXPECTED,
                List.of(primary, replica, gone));
    }

    private static double value(List<PrometheusParser.Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + labels)).value();
    }

    @Test
    void perNodeMetricsCarryRedisExportersNamesAndParseWithThePrometheusParser() throws Exception {
        String text = PrometheusExposition.render(sampleSnapshot(), Map.of(EventType.FAILOVER, 2L));

        List<PrometheusParser.Sample> samples = PrometheusParser.parse(text);

        Map<String, String> primary = Map.of("addr", "127.0.0.1:6379", "alias", "redis-6379");
        assertThat(value(samples, "redis_up", primary)).isEqualTo(1);
        assertThat(value(samples, "redis_up", Map.of("alias", "redis-6381"))).isEqualTo(0);
        assertThat(value(samples, "redis_connected_clients", primary)).isEqualTo(7);
        assertThat(value(samples, "redis_memory_used_bytes", primary)).isEqualTo(2097152);
        assertThat(value(samples, "redis_memory_max_bytes", primary)).isEqualTo(104857600);
        assertThat(value(samples, "redis_mem_fragmentation_ratio", primary)).isEqualTo(1.25);
        assertThat(value(samples, "redis_commands_processed_total", primary)).isEqualTo(4200);
        assertThat(value(samples, "redis_keyspace_hits_total", primary)).isEqualTo(90);
        assertThat(value(samples, "redis_connected_slaves", primary)).isEqualTo(1);
        assertThat(value(samples, "redis_db_keys", Map.of("alias", "redis-6379", "db", "db0"))).isEqualTo(42);
        assertThat(value(samples, "redis_master_link_up", Map.of("alias", "redis-6380"))).isEqualTo(1);
        assertThat(value(samples, "spinel_replica_lag_bytes", Map.of("alias", "redis-6380"))).isEqualTo(500);
        assertThat(value(samples, "spinel_node_rtt_seconds", primary)).isEqualTo(0.00025);
        assertThat(samples).filteredOn(s -> s.name().equals("redis_commands_processed_total"))
                .allSatisfy(s -> assertThat(s.type()).isEqualTo("counter"));
    }

    @Test
    void topologyMetricsSayHealthReasonsAndEvents() throws Exception {
        List<PrometheusParser.Sample> samples = PrometheusParser.parse(
                PrometheusExposition.render(sampleSnapshot(), Map.of(EventType.FAILOVER, 2L)));

        Map<String, String> topology = Map.of("topology", "/srv/app/.spinel", "mode", "replication");
        assertThat(value(samples, "spinel_healthy", topology)).isEqualTo(0);
        assertThat(value(samples, "spinel_health_status", topology)).isEqualTo(1);
        assertThat(value(samples, "spinel_health_reasons", Map.of("code", "node_unreachable"))).isEqualTo(1);
        assertThat(value(samples, "spinel_nodes_up", topology)).isEqualTo(2);
        assertThat(value(samples, "spinel_failovers_total", topology)).isEqualTo(2);
        assertThat(value(samples, "spinel_events_total", Map.of("type", "failover"))).isEqualTo(2);
    }
}

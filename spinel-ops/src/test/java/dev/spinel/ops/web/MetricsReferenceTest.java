package dev.spinel.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spinel.ops.monitor.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsReferenceTest {
    private static final Path DOC = Path.of("..", "docs", "metrics.md");

    @Test
    void docsMetricsMdIsWhatTheTableSays() throws Exception {
        String expected = MetricsReference.markdown();
        if (Boolean.getBoolean("spinel.updateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/metrics.md is generated: run this test with -Dspinel.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsServed() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(GrafanaDashboard.json());
        Set<String> served = new HashSet<>();
        String exposition = PrometheusExposition.render(PrometheusExpositionTest.sampleSnapshot(),
                Map.of(EventType.FAILOVER, 1L));
        exposition.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> served.add(l.split("[{ ]")[0]));
        Set<String> queried = new HashSet<>();
        Pattern metric = Pattern.compile("\\b((?:redis|spinel)_[a-z_]+)\\b");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(8);
        assertThat(served).containsAll(queried);
    }
}

package dev.spinel.ops.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Parses Prometheus text with the Prometheus project's own parser (prometheus_client's
 * text_string_to_metric_families, Debian's python3-prometheus-client), so a test checks the
 * exposition against the format's reference reader rather than against itself. CI installs it;
 * elsewhere a missing parser skips the test with a notice.
 */
final class PrometheusParser {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    out.append({"family": family.name, "type": family.type, "name": s.name,
                                "labels": s.labels, "value": s.value})
            print(json.dumps(out))
            """;

    /** One parsed sample. */
    record Sample(String family, String type, String name, Map<String, String> labels, double value) {
    }

    private PrometheusParser() {
    }

    static List<Sample> parse(String text) throws IOException, InterruptedException {
        boolean available = Files.isExecutable(PYTHON) && run("import prometheus_client", "").exitCode == 0;
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must install python3-prometheus-client (see .ci/run)");
        }
        assumeTrue(available, "SKIPPED LOUDLY: /usr/bin/python3 with prometheus_client is missing "
                + "(apt-get install python3-prometheus-client); the exposition was not parsed");
        Result result = run(SCRIPT, text);
        if (result.exitCode != 0) {
            throw new AssertionError("prometheus_client refused the exposition:\n" + result.output);
        }
        return new ObjectMapper().readValue(result.output, new TypeReference<>() { });
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String script, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}

package dev.spinel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spinel.ops.monitor.Health;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the topology once, for cron and Nagios-style monitors: one line per problem.",
                "Exit 0 OK, 1 WARNING (degraded), 2 CRITICAL (down), 3 UNKNOWN (could not check)."})
final class CheckCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int WARNING = 1;
    static final int CRITICAL = 2;
    static final int UNKNOWN = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ProjectOption project;

    @Option(names = "--timeout-ms", defaultValue = "2000", description = "How long a node may take to answer (default ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--json", description = "Print JSON instead of lines.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        Snapshot snapshot;
        try {
            WatchTarget target = WatchTarget.ofProject(project.dir);
            try (Poller poller = new Poller(target, Duration.ofSeconds(1), Duration.ofMillis(timeoutMillis),
                    Clock.systemUTC())) {
                snapshot = poller.pollOnce();
            }
        } catch (RuntimeException e) {
            out.println("SPINEL UNKNOWN - cannot check " + project.dir + ": " + e.getMessage());
            out.flush();
            return UNKNOWN;
        }
        Health health = snapshot.health();
        int code = switch (health.status()) {
            case HEALTHY -> OK;
            case DEGRADED -> WARNING;
            case DOWN -> CRITICAL;
        };
        long up = snapshot.nodes().stream().filter(NodeSample::reachable).count();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("status", health.status().id());
            view.put("exit_code", code);
            view.put("nodes", snapshot.nodes().size());
            view.put("nodes_up", up);
            view.put("problems", health.reasons().stream().map(r -> Map.of("code", r.code().name().toLowerCase(Locale.ROOT),
                    "severity", r.code().severity().name().toLowerCase(Locale.ROOT), "line", r.line())).toList());
            out.println(JSON.writeValueAsString(view));
        } else {
            out.println("SPINEL " + label(code) + " - " + snapshot.expected().mode().id() + " topology " + snapshot.topology()
                    + " " + health.status().id() + ": " + up + " of " + snapshot.nodes().size() + " nodes answer");
            List<Health.Reason> reasons = health.reasons();
            reasons.forEach(r -> out.println(r.code().severity() + " " + r.line()));
        }
        out.flush();
        return code;
    }

    private static String label(int code) {
        return switch (code) {
            case OK -> "OK";
            case WARNING -> "WARNING";
            case CRITICAL -> "CRITICAL";
            default -> "UNKNOWN";
        };
    }
}

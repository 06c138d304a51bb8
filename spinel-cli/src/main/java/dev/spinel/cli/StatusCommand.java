package dev.spinel.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spinel.ops.status.NodeStatus;
import dev.spinel.ops.status.StatusReader;
import dev.spinel.ops.status.TopologyStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the live topology as the nodes report it: roles, links, offsets and lag, slots, Sentinels' view, memory, clients.")
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ProjectOption project;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        TopologyStatus status = StatusReader.read(project.dir);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(status));
        } else {
            print(status, out);
        }
        return status.nodesUp() == status.nodes().size() ? 0 : ExitCodes.FAILED;
    }

    private static void print(TopologyStatus status, PrintWriter out) {
        out.println(status.mode() + " topology in " + status.project() + ": " + status.nodesUp() + "/"
                + status.nodes().size() + " nodes up");
        if (status.cluster() != null) {
            var c = status.cluster();
            out.println("cluster_state:" + c.state() + " slots assigned " + c.slotsAssigned() + ", ok " + c.slotsOk()
                    + ", known nodes " + c.knownNodes() + ", epoch " + c.currentEpoch());
        }
        out.printf("%-16s %-20s %-8s %-8s %-20s %-6s %12s %10s %8s %10s %7s  %s%n", "NODE", "ADDRESS", "PID", "STATE",
                "ROLE", "LINK", "OFFSET", "LAG(B)", "KEYS", "MEMORY", "CLIENTS", "DETAIL");
        for (NodeStatus n : status.nodes()) {
            String role = n.role() == null ? "-" : "replica".equals(n.role()) ? "replica of " + n.primary() : n.role();
            String detail = n.error() != null ? n.error()
                    : n.slots() != null && !n.slots().isEmpty() ? "slots " + String.join(",", n.slots())
                    : n.sentinel() != null ? sentinelDetail(n.sentinel()) : "";
            out.printf("%-16s %-20s %-8s %-8s %-20s %-6s %12s %10s %8s %10s %7s  %s%n", n.name(), n.address(),
                    dash(n.pid()), n.state(), role, n.linkStatus() == null ? "-" : n.linkStatus(),
                    dash(n.replicationOffset()), dash(n.lagBytes()), dash(n.keys()), bytes(n.usedMemoryBytes()),
                    dash(n.connectedClients()), detail);
        }
    }

    private static String sentinelDetail(NodeStatus.SentinelStatus s) {
        return s.primaryName() + " at " + s.primary() + " " + s.primaryFlags() + ", " + s.replicas() + " replicas, "
                + s.otherSentinels() + " other Sentinels, quorum " + s.quorum();
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String bytes(Long value) {
        if (value == null) {
            return "-";
        }
        return value >= 1 << 20 ? String.format("%.1fM", value / 1048576.0) : String.format("%.1fK", value / 1024.0);
    }
}

package dev.spinel.cli;

import dev.spinel.ops.topology.Action;
import dev.spinel.ops.topology.Plan;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.RenderedConfig;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Prints a plan for people: nodes, configs (secrets redacted), ordered actions. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(Plan plan, boolean withConfigs, PrintWriter out) {
        var spec = plan.spec();
        out.println("Topology: " + spec.mode().id() + ", profile " + spec.profile().id());
        out.println();
        out.println("Nodes:");
        for (PlannedNode node : plan.nodes()) {
            String role = switch (node.role()) {
                case PRIMARY -> "primary";
                case REPLICA -> "replica of " + node.primary().orElse("?");
                case SENTINEL -> "sentinel (quorum " + spec.quorum() + " of " + spec.sentinels() + ", monitors "
                        + spec.masterName() + ")";
            };
            String slots = node.slots().isEmpty() ? ""
                    : "  slots " + node.slots().stream().map(Object::toString).collect(Collectors.joining(","));
            out.printf("  %-16s %-22s %s%s%n", node.name(), node.address(), role, slots);
        }
        plan.warnings().forEach(w -> out.println("warning: " + w));
        out.println();
        if (plan.isBlocked()) {
            out.println("Blocked:");
            plan.blocked().forEach(b -> out.println("  " + b));
            return;
        }
        if (plan.isEmpty()) {
            out.println("Nothing to do: every node is running and in place.");
            return;
        }
        out.println("Actions:");
        int step = 1;
        for (Action action : plan.actions()) {
            out.printf("  %2d. %s%n", step++, action.describe());
        }
        if (withConfigs) {
            for (RenderedConfig config : plan.configs()) {
                out.println();
                out.println("--- " + config.path());
                out.print(config.redacted());
            }
        }
    }
}

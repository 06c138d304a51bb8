package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Spec plus observed state in, plan out. Every step is decided from what the nodes report, not
 * from a memory of earlier runs, so an interrupted {@code up} is finished by the next one and a
 * converged topology yields an empty plan.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(PlanInputs in) {
        Spec spec = in.resolved().spec();
        List<PlannedNode> nodes = LayoutPlanner.layout(spec).stream().map(node -> {
            List<SlotRange> slots = in.formingSlots().get(node.name());
            return slots == null ? node : new PlannedNode(node.name(), node.kind(), node.host(), node.port(),
                    node.shard(), node.role(), node.primary(), slots);
        }).toList();
        Draft draft = new Draft(in, nodes);
        if (spec.mode() == Mode.CLUSTER) {
            ClusterSteps.plan(draft);
        } else {
            PrimaryReplicaSteps.plan(draft);
        }
        DurabilitySteps.plan(draft);
        return new Plan(spec, nodes, draft.configs, draft.actions, in.resolved().warnings(), draft.blocked);
    }

    /** The plan being built, shared by the per-mode step planners. */
    static final class Draft {
        final PlanInputs in;
        final Spec spec;
        final List<PlannedNode> nodes;
        final List<RenderedConfig> configs = new ArrayList<>();
        final List<Action> actions = new ArrayList<>();
        final List<String> blocked = new ArrayList<>();

        Draft(PlanInputs in, List<PlannedNode> nodes) {
            this.in = in;
            this.spec = in.resolved().spec();
            this.nodes = nodes;
        }

        NodeObservation seen(PlannedNode node) {
            return in.observed().of(node.name());
        }

        List<PlannedNode> data() {
            return nodes.stream().filter(PlannedNode::isData).toList();
        }

        List<PlannedNode> sentinels() {
            return nodes.stream().filter(n -> n.kind() == NodeKind.SENTINEL).toList();
        }

        Map<String, PlannedNode> byAddress() {
            return nodes.stream().collect(Collectors.toMap(PlannedNode::address, Function.identity()));
        }

        Optional<PlannedNode> byName(String name) {
            return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
        }

        /**
         * Writes the configs the nodes lack, then starts the nodes that are not running: all writes
         * first, so the starts form one batch the executor launches together.
         */
        void ensureRunning(List<PlannedNode> group, Function<PlannedNode, RenderedConfig> render) {
            for (PlannedNode node : group) {
                if (!seen(node).configExists()) {
                    configs.add(render.apply(node));
                    actions.add(new Action.WriteConfig(node));
                }
            }
            for (PlannedNode node : group) {
                if (!seen(node).running()) {
                    actions.add(new Action.StartNode(node));
                }
            }
        }

        void ensureDataNodesRunning(List<PlannedNode> group) {
            ensureRunning(group, node -> ConfigRenderer.dataNode(spec, node, in.paths().apply(node.name()), in.host(), nodes));
        }
    }
}

package dev.spinel.ops.topology;

import java.util.List;

/**
 * What {@code spinel up} will do, and what {@code spinel plan} prints: the same object.
 * A converged topology yields a plan with no actions. A blocked plan is not executed at all.
 *
 * @param configs configs the plan writes (only for nodes that have none yet)
 * @param blocked reasons the plan cannot go on without an operator; empty when it can
 */
public record Plan(
        Spec spec,
        List<PlannedNode> nodes,
        List<RenderedConfig> configs,
        List<Action> actions,
        List<String> warnings,
        List<String> blocked) {

    public Plan {
        nodes = List.copyOf(nodes);
        configs = List.copyOf(configs);
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
        blocked = List.copyOf(blocked);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public boolean isBlocked() {
        return !blocked.isEmpty();
    }

    public List<PlannedNode> dataNodes() {
        return nodes.stream().filter(PlannedNode::isData).toList();
    }

    public List<PlannedNode> sentinels() {
        return nodes.stream().filter(n -> n.kind() == NodeKind.SENTINEL).toList();
    }

    public PlannedNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in the plan"));
    }
}

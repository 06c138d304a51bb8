package dev.spinel.ops.topology;

import java.util.List;

/**
 * Brings running data nodes to the spec's durability. A node's config is rendered only when it is
 * created, so a spec switched between {@code async} and {@code replicated} afterwards reaches the
 * running nodes this way, live. An operator's own {@code --set min-replicas-to-write} wins.
 */
final class DurabilitySteps {
    private DurabilitySteps() {
    }

    static void plan(Planner.Draft draft) {
        Spec spec = draft.spec;
        if (spec.settings().containsKey("min-replicas-to-write")) {
            return;
        }
        int wanted = spec.durability() == Durability.REPLICATED ? 1 : 0;
        List<PlannedNode> off = draft.nodes.stream().filter(PlannedNode::isData).filter(node -> {
            NodeObservation seen = draft.seen(node);
            return seen.running() && seen.minReplicasToWrite() >= 0 && seen.minReplicasToWrite() != wanted;
        }).toList();
        if (!off.isEmpty()) {
            draft.actions.add(new Action.SetMinReplicas(off, wanted, Tuning.minReplicasMaxLagSeconds(spec)));
        }
    }
}

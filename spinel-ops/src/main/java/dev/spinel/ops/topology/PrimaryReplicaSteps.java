package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Steps for standalone, replication and sentinel modes: start what is not running, attach every
 * data node that is not the current primary to it, start the Sentinels. The current primary is
 * whoever the Sentinels agree on (a failover may have moved it), else the only primary with
 * replicas, else the one the stopped nodes' config files remember, else the planned one. Two primaries that both hold data block the plan: picking one
 * would throw away the other's writes.
 */
final class PrimaryReplicaSteps {
    private PrimaryReplicaSteps() {
    }

    static void plan(Planner.Draft draft) {
        PlannedNode primary = currentPrimary(draft);
        List<PlannedNode> data = new ArrayList<>(draft.data());
        data.remove(primary);
        data.addFirst(primary);
        draft.ensureDataNodesRunning(data);
        for (PlannedNode node : data) {
            if (node != primary) {
                attach(draft, node, primary);
            }
        }
        List<PlannedNode> sentinels = draft.sentinels();
        draft.ensureRunning(sentinels, sentinel -> ConfigRenderer.sentinel(draft.spec, sentinel,
                draft.in.paths().apply(sentinel.name()), primary, sentinels, s -> SentinelIds.of(draft.in.projectId(), s)));
    }

    private static void attach(Planner.Draft draft, PlannedNode node, PlannedNode primary) {
        NodeObservation seen = draft.seen(node);
        if (!seen.running()) {
            draft.actions.add(new Action.ReplicaOf(node, primary));
            return;
        }
        boolean followsPrimary = seen.role().filter("slave"::equals).isPresent()
                && seen.primaryAddress().filter(primary.address()::equals).isPresent();
        if (followsPrimary) {
            return;
        }
        if (seen.isPrimary() && (seen.keys() > 0 || seen.connectedReplicas() > 0)) {
            draft.blocked.add("two primaries: " + node.name() + " is a primary holding " + seen.keys()
                    + " keys while " + primary.name() + " is the current primary. Fix by hand: keep one, run"
                    + " REPLICAOF on the other (its data is then replaced), then `spinel up` again");
            return;
        }
        draft.actions.add(new Action.ReplicaOf(node, primary));
    }

    static PlannedNode currentPrimary(Planner.Draft draft) {
        Map<String, PlannedNode> byAddress = draft.byAddress();
        List<String> sentinelViews = draft.sentinels().stream()
                .map(draft::seen)
                .filter(NodeObservation::running)
                .flatMap(seen -> seen.sentinelPrimary().stream())
                .toList();
        // Sentinels learn of a failover from each other within a second or two; meanwhile some still
        // name the old primary. A named node that is up and serving as primary is the newer view.
        List<PlannedNode> namedAndServing = sentinelViews.stream().distinct()
                .map(byAddress::get)
                .filter(node -> node != null && node.isData() && draft.seen(node).running() && draft.seen(node).isPrimary())
                .toList();
        if (namedAndServing.size() == 1) {
            return namedAndServing.getFirst();
        }
        Optional<PlannedNode> agreed = majority(sentinelViews, byAddress);
        if (agreed.isPresent()) {
            return agreed.get();
        }
        List<PlannedNode> servingPrimaries = draft.data().stream()
                .filter(node -> draft.seen(node).isPrimary() && draft.seen(node).connectedReplicas() > 0)
                .toList();
        if (servingPrimaries.size() == 1) {
            return servingPrimaries.getFirst();
        }
        if (servingPrimaries.size() > 1) {
            draft.blocked.add("two primaries with replicas: " + servingPrimaries.stream().map(PlannedNode::name)
                    .collect(Collectors.joining(" and ")) + ". Fix by hand: keep one, run REPLICAOF on the"
                    + " other (its data is then replaced), then `spinel up` again");
            return draft.data().getFirst();
        }
        // No primary serves (every node went down, say): the config files remember the last roles,
        // which a failover may have moved from the planned ones. Starting the planned primary
        // instead would make the node with the newest writes resync from an older one.
        List<String> remembered = draft.sentinels().stream().map(draft::seen).filter(seen -> !seen.running())
                .flatMap(seen -> seen.sentinelPrimary().stream()).toList();
        Optional<PlannedNode> lastMonitored = majority(remembered, byAddress);
        if (lastMonitored.isPresent()) {
            return lastMonitored.get();
        }
        List<String> replicasFollow = draft.data().stream().map(draft::seen)
                .flatMap(seen -> seen.primaryAddress().stream()).distinct().toList();
        if (replicasFollow.size() == 1 && byAddress.containsKey(replicasFollow.getFirst())
                && byAddress.get(replicasFollow.getFirst()).isData()) {
            return byAddress.get(replicasFollow.getFirst());
        }
        return draft.data().getFirst();
    }

    /** The data node more than half of {@code views} name, if any. */
    private static Optional<PlannedNode> majority(List<String> views, Map<String, PlannedNode> byAddress) {
        return views.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream()
                .filter(vote -> vote.getValue() * 2 > views.size())
                .map(vote -> byAddress.get(vote.getKey()))
                .filter(node -> node != null && node.isData())
                .findFirst();
    }
}

package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SlotRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running cluster as its nodes report it, read before slots move: every planned node must
 * answer and see every other one as healthy, since a slot moved while a node is down or failing
 * over could end with two owners or none.
 *
 * @param nodes     every node as the first planned node sees it, by id
 * @param selves    each planned node's own line (its {@code myself}), by planned name
 */
record ClusterView(Map<String, ClusterNode> nodes, Map<String, ClusterNode> selves) {

    /** Reads the view, or refuses with the node that stands in the way. */
    static ClusterView read(AdminSession admin, List<PlannedNode> data) {
        Map<String, ClusterNode> selves = new LinkedHashMap<>();
        Map<String, ClusterNode> nodes = new LinkedHashMap<>();
        for (PlannedNode node : data) {
            List<ClusterNode> seen;
            try {
                seen = admin.node(node.host(), node.port()).clusterNodes();
            } catch (AdminException e) {
                throw new SpinelException(SpinelException.Kind.BLOCKED, node.name() + " at " + node.address()
                        + " does not answer (" + e.getMessage() + "): bring it back with spinel up first");
            }
            Optional<ClusterNode> troubled = seen.stream().filter(n -> n.isFailing() || n.inHandshake()).findFirst();
            if (troubled.isPresent()) {
                throw new SpinelException(SpinelException.Kind.BLOCKED, node.name() + " sees "
                        + troubled.get().address() + " as " + String.join(",", troubled.get().flags())
                        + ": slots move only while every node is healthy; see spinel status");
            }
            ClusterNode self = seen.stream().filter(ClusterNode::isMyself).findFirst().orElseThrow(
                    () -> new SpinelException(SpinelException.Kind.FAILED, node.name() + " lists no myself line"));
            selves.put(node.name(), self);
            if (nodes.isEmpty()) {
                seen.forEach(n -> nodes.put(n.id(), n));
            }
        }
        return new ClusterView(nodes, selves);
    }

    /** The primaries among the planned nodes, in port order. */
    List<ClusterNode> primaries() {
        return selves.values().stream().filter(ClusterNode::isPrimary)
                .sorted(Comparator.comparingInt(ClusterNode::port)).toList();
    }

    /** Each primary's slots, by node id, in port order. */
    Map<String, List<SlotRange>> slotsByPrimary() {
        Map<String, List<SlotRange>> owned = new LinkedHashMap<>();
        primaries().forEach(primary -> owned.put(primary.id(), primary.slots()));
        return owned;
    }

    /** Each primary's planned name, by node id, in port order. */
    Map<String, String> primaryNames() {
        Map<String, String> names = new LinkedHashMap<>();
        primaries().forEach(primary -> names.put(primary.id(), nameOf(primary.id())));
        return names;
    }

    ClusterNode byId(String id) {
        ClusterNode self = selves.values().stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
        if (self != null) {
            return self;
        }
        ClusterNode known = nodes.get(id);
        if (known == null) {
            throw new SpinelException(SpinelException.Kind.BLOCKED, "no node of this topology has id " + id);
        }
        return known;
    }

    /** The planned name of the node with this id, or its address when it is not one of the plan's. */
    String nameOf(String id) {
        return selves.entrySet().stream().filter(e -> e.getValue().id().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElseGet(() -> byId(id).address());
    }

    /** Slot moves an interrupted run left behind, one per slot, as the nodes report them. */
    List<Pending> pending() {
        Map<Integer, Pending> bySlot = new LinkedHashMap<>();
        for (ClusterNode self : selves.values()) {
            for (ClusterNode.Migration m : self.pendingMigrations()) {
                Pending found = m.importing() ? new Pending(m.slot(), m.peerId(), self.id())
                        : new Pending(m.slot(), self.id(), m.peerId());
                bySlot.putIfAbsent(m.slot(), found);
            }
        }
        return new ArrayList<>(bySlot.values());
    }

    /** A slot moving from one node to another. */
    record Pending(int slot, String sourceId, String targetId) {
    }
}

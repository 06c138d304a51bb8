package dev.spinel.ops.topology;

import java.util.List;

/**
 * One step of a plan. The executor applies each in order and verifies it against the live node
 * before the next; {@link #describe()} is what {@code spinel plan} prints.
 */
public sealed interface Action {

    String describe();

    /** Write the node's rendered config file; only done when the node has none yet. */
    record WriteConfig(PlannedNode node) implements Action {
        public String describe() {
            return "write config of " + node.name();
        }
    }

    /** Start the process and wait until it answers PING and has finished loading its data. */
    record StartNode(PlannedNode node) implements Action {
        public String describe() {
            return "start " + node.name() + " on " + node.address();
        }
    }

    /** REPLICAOF primary; verified once the replica reports {@code master_link_status:up}. */
    record ReplicaOf(PlannedNode node, PlannedNode primary) implements Action {
        public String describe() {
            return "REPLICAOF " + primary.host() + " " + primary.port() + " on " + node.name();
        }
    }

    /** CLUSTER SET-CONFIG-EPOCH on a fresh primary, so primaries never start in an epoch collision. */
    record SetConfigEpoch(PlannedNode node, long epoch) implements Action {
        public String describe() {
            return "CLUSTER SET-CONFIG-EPOCH " + epoch + " on " + node.name();
        }
    }

    /** CLUSTER ADDSLOTSRANGE on a primary. */
    record AddSlots(PlannedNode node, List<SlotRange> slots) implements Action {
        public AddSlots {
            slots = List.copyOf(slots);
        }

        public String describe() {
            return "CLUSTER ADDSLOTSRANGE " + String.join(" ", slots.stream()
                    .map(r -> r.first() + " " + r.last()).toList()) + " on " + node.name();
        }
    }

    /**
     * CLUSTER MEET from one node to others. Spinel meets every pair rather than one seed, so the
     * nodes know each other at once instead of waiting for gossip to spread the news.
     */
    record Meet(PlannedNode node, List<PlannedNode> others) implements Action {
        public Meet {
            others = List.copyOf(others);
        }

        public String describe() {
            return "CLUSTER MEET " + String.join(", ", others.stream().map(PlannedNode::address).toList())
                    + " from " + node.name();
        }
    }

    /**
     * CONFIG SET cluster-node-timeout at runtime. While a new cluster forms, a short timeout makes
     * nodes ping each other (and so learn each other's slots) every few hundred ms instead of every
     * few seconds; the configured value is put back once the cluster is ready.
     */
    record SetClusterNodeTimeout(List<PlannedNode> nodes, int millis) implements Action {
        public SetClusterNodeTimeout {
            nodes = List.copyOf(nodes);
        }

        public String describe() {
            return "CONFIG SET cluster-node-timeout " + millis + " on "
                    + (nodes.size() == 1 ? nodes.getFirst().name() : nodes.size() + " nodes");
        }
    }

    /**
     * CONFIG SET min-replicas-to-write and min-replicas-max-lag on running data nodes whose
     * durability differs from the spec's, then CONFIG REWRITE so a restart keeps it: the rendered
     * config of a node that exists already is never rendered again.
     */
    record SetMinReplicas(List<PlannedNode> nodes, int replicas, int maxLagSeconds) implements Action {
        public SetMinReplicas {
            nodes = List.copyOf(nodes);
        }

        public String describe() {
            return "CONFIG SET min-replicas-to-write " + replicas + " min-replicas-max-lag " + maxLagSeconds
                    + " (and CONFIG REWRITE) on " + (nodes.size() == 1 ? nodes.getFirst().name() : nodes.size() + " nodes");
        }
    }

    /** Wait until the topology is ready (see Readiness) before the steps that follow. */
    record AwaitReady() implements Action {
        public String describe() {
            return "wait until the topology is ready";
        }
    }

    /** CLUSTER REPLICATE the node id of {@code primary}, read from it when the step runs. */
    record Replicate(PlannedNode node, PlannedNode primary) implements Action {
        public String describe() {
            return "CLUSTER REPLICATE <id of " + primary.name() + "> on " + node.name();
        }
    }
}

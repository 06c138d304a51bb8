package dev.spinel.ops.topology;

import java.util.Map;

/** Observations of every planned node, by node name. A missing name means {@link NodeObservation#absent()}. */
public record ObservedState(Map<String, NodeObservation> nodes) {
    public ObservedState {
        nodes = Map.copyOf(nodes);
    }

    public static ObservedState nothing() {
        return new ObservedState(Map.of());
    }

    public NodeObservation of(String name) {
        return nodes.getOrDefault(name, NodeObservation.absent());
    }
}

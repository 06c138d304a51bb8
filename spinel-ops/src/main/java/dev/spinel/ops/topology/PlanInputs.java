package dev.spinel.ops.topology;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the planner reads. The caller observes the live nodes and the host; the planner
 * itself touches no file, socket, process or clock.
 *
 * @param paths where each node's files live, by node name
 * @param projectId random id of the project folder, from which Sentinel ids are derived
 * @param formingSlots slots a new cluster's primaries are formed with instead of the planned ones,
 *                     by primary name: a restore gives each the slots its backup shard held
 */
public record PlanInputs(
        ResolvedSpec resolved,
        ObservedState observed,
        HostFacts host,
        Function<String, NodePaths> paths,
        String projectId,
        Map<String, List<SlotRange>> formingSlots) {

    public PlanInputs {
        formingSlots = Map.copyOf(formingSlots);
    }

    public PlanInputs(ResolvedSpec resolved, ObservedState observed, HostFacts host, Function<String, NodePaths> paths,
                      String projectId) {
        this(resolved, observed, host, paths, projectId, Map.of());
    }
}

package dev.spinel.ops.topology;

import java.util.function.Function;

/**
 * Everything the planner reads. The caller observes the live nodes and the host; the planner
 * itself touches no file, socket, process or clock.
 *
 * @param paths where each node's files live, by node name
 * @param projectId random id of the project folder, from which Sentinel ids are derived
 */
public record PlanInputs(
        ResolvedSpec resolved,
        ObservedState observed,
        HostFacts host,
        Function<String, NodePaths> paths,
        String projectId) {
}

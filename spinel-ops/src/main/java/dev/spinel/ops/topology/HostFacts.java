package dev.spinel.ops.topology;

/** Facts about the machine the planner sizes for; read by the caller, so planning stays pure. */
public record HostFacts(long totalMemoryBytes) {
}

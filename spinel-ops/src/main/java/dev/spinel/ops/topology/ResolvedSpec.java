package dev.spinel.ops.topology;

import java.util.List;

/** A valid spec and the warnings an operator should read (a topology without failover, say). */
public record ResolvedSpec(Spec spec, List<String> warnings) {
    public ResolvedSpec {
        warnings = List.copyOf(warnings);
    }
}

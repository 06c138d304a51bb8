package dev.spinel.ops.monitor;

import java.util.Comparator;
import java.util.List;

/** The topology's health with every reason it is not healthy, worst first. */
public record Health(Status status, List<Reason> reasons) {
    /** Healthy, degraded (serving, with a problem), or down (critical: writes fail or data is at risk). */
    public enum Status {
        HEALTHY, DEGRADED, DOWN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One problem: what, where (a node name, or null for the topology), and the figures behind it. */
    public record Reason(HealthCode code, String node, String detail) {
        public String line() {
            return (node == null ? "" : node + ": ") + detail;
        }
    }

    public Health {
        reasons = reasons.stream()
                .sorted(Comparator.comparing((Reason r) -> r.code().severity()).reversed()
                        .thenComparing(r -> r.code().ordinal()))
                .toList();
    }

    public static Health of(List<Reason> reasons) {
        Status status = reasons.isEmpty() ? Status.HEALTHY
                : reasons.stream().anyMatch(r -> r.code().severity() == HealthCode.Severity.CRITICAL) ? Status.DOWN
                : Status.DEGRADED;
        return new Health(status, reasons);
    }

    public boolean isHealthy() {
        return status == Status.HEALTHY;
    }
}

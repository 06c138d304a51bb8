package dev.spinel.ops.monitor;

/**
 * Every reason a topology can be less than healthy: one closed set, shared by the health model,
 * {@code spinel check}, the API and the metrics. A critical reason makes the topology down
 * (clients cannot write, or could lose data); a warning makes it degraded.
 */
public enum HealthCode {
    NODE_UNREACHABLE(Severity.WARNING, "a node does not answer"),
    NO_PRIMARY(Severity.CRITICAL, "no data node is primary"),
    SEVERAL_PRIMARIES(Severity.CRITICAL, "more than one primary where one is expected"),
    REPLICA_MISSING(Severity.WARNING, "a primary has fewer replicas attached than expected"),
    REPLICA_LINK_DOWN(Severity.WARNING, "a replica's link to its primary is down"),
    REPLICA_LAG(Severity.WARNING, "a replica lags its primary"),
    MEMORY_HIGH(Severity.WARNING, "used memory is near maxmemory"),
    SENTINEL_UNREACHABLE(Severity.WARNING, "a Sentinel does not answer"),
    SENTINELS_DISAGREE(Severity.WARNING, "Sentinels name different primaries"),
    SENTINEL_PEERS_MISSING(Severity.WARNING, "a Sentinel does not see all other Sentinels"),
    SENTINEL_SEES_PRIMARY_DOWN(Severity.CRITICAL, "a Sentinel flags the primary as down"),
    SENTINEL_PRIMARY_MISMATCH(Severity.WARNING, "the Sentinels' primary is not the node that reports itself primary"),
    NO_QUORUM(Severity.CRITICAL, "fewer Sentinels answer than the quorum needs, so no failover can happen"),
    CLUSTER_STATE_FAIL(Severity.CRITICAL, "cluster_state is not ok"),
    SLOTS_UNASSIGNED(Severity.CRITICAL, "not all 16384 slots are assigned"),
    SLOTS_NOT_OK(Severity.CRITICAL, "some slots are served by a failing node"),
    CLUSTER_NODE_FAILING(Severity.WARNING, "a node flags another as failing or disconnected");

    /** How bad a reason is. */
    public enum Severity {
        WARNING, CRITICAL
    }

    private final Severity severity;
    private final String meaning;

    HealthCode(Severity severity, String meaning) {
        this.severity = severity;
        this.meaning = meaning;
    }

    public Severity severity() {
        return severity;
    }

    public String meaning() {
        return meaning;
    }
}

package dev.spinel.ops.monitor;

/** What happened. The poller's anomaly rules raise the first kinds; drills, backups and audits add theirs. */
public enum EventType {
    NODE_DOWN, NODE_UP, FAILOVER, SLOTS_FAILING, SLOTS_OK, LAG_HIGH, RTT_SPIKE, MEMORY_HIGH, EVICTIONS_STARTED,
    HEALTH_CHANGED, BACKUP_SUCCEEDED, BACKUP_FAILED, DRILL, AUDIT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.spinel.ops.topology;

/**
 * The {@code audit:} block of spinel.yaml: when {@code spinel serve} compares every primary with
 * its replicas, and whether it rewrites what differs through the primary.
 */
public record AuditSchedule(CronSchedule schedule, boolean repair) {
}

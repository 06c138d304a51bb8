package dev.spinel.ops.topology;

import java.util.List;
import java.util.Map;

/**
 * A spec as written, by flags or a YAML file: every field may be missing. {@link SpecResolver}
 * fills in defaults, resolves {@code auto} and validates. Field names are the YAML keys.
 */
public record SpecDraft(
        Integer version,
        String mode,
        Integer nodes,
        Integer shards,
        Integer replicas,
        Integer portBase,
        List<String> hosts,
        String profile,
        Map<String, String> settings,
        SentinelDraft sentinel,
        BackupDraft backup,
        String durability,
        String network,
        Integer formedShards,
        AuditDraft audit) {

    /** The Spinel spec format this build reads and writes. */
    public static final int CURRENT_VERSION = 1;

    /** A draft without an {@code audit:} block. */
    public SpecDraft(Integer version, String mode, Integer nodes, Integer shards, Integer replicas, Integer portBase,
                     List<String> hosts, String profile, Map<String, String> settings, SentinelDraft sentinel,
                     BackupDraft backup, String durability, String network, Integer formedShards) {
        this(version, mode, nodes, shards, replicas, portBase, hosts, profile, settings, sentinel, backup, durability,
                network, formedShards, null);
    }

    /** A draft without a {@code formed-shards:} field. */
    public SpecDraft(Integer version, String mode, Integer nodes, Integer shards, Integer replicas, Integer portBase,
                     List<String> hosts, String profile, Map<String, String> settings, SentinelDraft sentinel,
                     BackupDraft backup, String durability, String network) {
        this(version, mode, nodes, shards, replicas, portBase, hosts, profile, settings, sentinel, backup, durability,
                network, null);
    }

    /** A draft without a {@code network:} field. */
    public SpecDraft(Integer version, String mode, Integer nodes, Integer shards, Integer replicas, Integer portBase,
                     List<String> hosts, String profile, Map<String, String> settings, SentinelDraft sentinel,
                     BackupDraft backup, String durability) {
        this(version, mode, nodes, shards, replicas, portBase, hosts, profile, settings, sentinel, backup, durability,
                null);
    }

    /** A draft without a {@code backup:} block, as flags make it. */
    public SpecDraft(Integer version, String mode, Integer nodes, Integer shards, Integer replicas, Integer portBase,
                     List<String> hosts, String profile, Map<String, String> settings, SentinelDraft sentinel) {
        this(version, mode, nodes, shards, replicas, portBase, hosts, profile, settings, sentinel, null, null);
    }

    /** A draft without a {@code durability:} field. */
    public SpecDraft(Integer version, String mode, Integer nodes, Integer shards, Integer replicas, Integer portBase,
                     List<String> hosts, String profile, Map<String, String> settings, SentinelDraft sentinel,
                     BackupDraft backup) {
        this(version, mode, nodes, shards, replicas, portBase, hosts, profile, settings, sentinel, backup, null);
    }

    public static SpecDraft empty() {
        return new SpecDraft(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The {@code sentinel:} block; {@code down-after-milliseconds} as in sentinel.conf. */
    public record SentinelDraft(Integer count, Integer quorum, String masterName, Integer portBase,
                                Integer downAfterMilliseconds) {

        public SentinelDraft(Integer count, Integer quorum, String masterName, Integer portBase) {
            this(count, quorum, masterName, portBase, null);
        }
    }

    /** The {@code backup:} block: scheduled backups taken by {@code spinel serve}. */
    public record BackupDraft(String schedule, String type, String compress, String from, Integer keep,
                              Integer retentionDays, String dir) {
    }

    /** The {@code audit:} block: consistency audits run by {@code spinel serve}. */
    public record AuditDraft(String schedule, Boolean repair) {
    }

    /** Values set here win over {@code base}; used when flags refine a stored spec. */
    public SpecDraft over(SpecDraft base) {
        SentinelDraft s = sentinel;
        SentinelDraft b = base.sentinel;
        SentinelDraft mergedSentinel = s == null ? b : b == null ? s : new SentinelDraft(
                first(s.count, b.count), first(s.quorum, b.quorum),
                first(s.masterName, b.masterName), first(s.portBase, b.portBase),
                first(s.downAfterMilliseconds, b.downAfterMilliseconds));
        return new SpecDraft(first(version, base.version), first(mode, base.mode),
                first(nodes, base.nodes), first(shards, base.shards), first(replicas, base.replicas),
                first(portBase, base.portBase), first(hosts, base.hosts), first(profile, base.profile),
                first(settings, base.settings), mergedSentinel, first(backup, base.backup),
                first(durability, base.durability), first(network, base.network),
                first(formedShards, base.formedShards), first(audit, base.audit));
    }

    /** Whether this draft sets the field at this YAML path ({@code sentinel.quorum}). */
    public boolean sets(String field) {
        return switch (field) {
            case "version" -> version != null;
            case "mode" -> mode != null;
            case "nodes" -> nodes != null;
            case "shards" -> shards != null;
            case "replicas" -> replicas != null;
            case "port-base" -> portBase != null;
            case "hosts" -> hosts != null;
            case "profile" -> profile != null;
            case "sentinel.count" -> sentinel != null && sentinel.count != null;
            case "sentinel.quorum" -> sentinel != null && sentinel.quorum != null;
            case "sentinel.master-name" -> sentinel != null && sentinel.masterName != null;
            case "sentinel.port-base" -> sentinel != null && sentinel.portBase != null;
            case "sentinel.down-after-milliseconds" -> sentinel != null && sentinel.downAfterMilliseconds != null;
            case "durability" -> durability != null;
            case "network" -> network != null;
            case "formed-shards" -> formedShards != null;
            case "audit" -> audit != null;
            case "sentinel" -> sentinel != null;
            case "backup" -> backup != null;
            default -> field.startsWith("settings") && settings != null;
        };
    }

    public boolean setsNothing() {
        return equals(empty());
    }

    /** A draft that states every field of a resolved spec, so a stored spec never depends on defaults. */
    public static SpecDraft of(Spec spec) {
        SentinelDraft sentinel = spec.hasSentinels() ? new SentinelDraft(spec.sentinels(), spec.quorum(),
                spec.masterName(), spec.sentinelPortBase(), spec.downAfterMillis()) : null;
        return new SpecDraft(CURRENT_VERSION, spec.mode().id(), null,
                spec.mode() == Mode.CLUSTER ? spec.shards() : null,
                spec.mode() == Mode.STANDALONE ? null : spec.replicas(), spec.portBase(),
                spec.network() == Network.NAMESPACES ? null : spec.hosts(),
                spec.profile().id(), spec.settings().isEmpty() ? null : spec.settings(), sentinel,
                spec.backup().map(b -> new BackupDraft(b.cron(), b.type(), b.compress(), b.from(), b.keep(),
                        b.retentionDays(), b.dir().orElse(null))).orElse(null), spec.durability().id(),
                spec.network() == Network.LOOPBACK ? null : spec.network().id(),
                spec.mode() == Mode.CLUSTER && spec.formedShards() != spec.shards() ? spec.formedShards() : null,
                spec.audit().map(a -> new AuditDraft(a.schedule().expression(), a.repair())).orElse(null));
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}

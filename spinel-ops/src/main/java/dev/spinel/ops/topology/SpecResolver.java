package dev.spinel.ops.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Turns a {@link SpecDraft} into a valid {@link Spec}: defaults per mode, {@code auto} resolved
 * from the node count (as a team's setup script did: 1 standalone, 2 sentinel, 3+ cluster with
 * replicas from 6 on), and every problem collected, so the operator fixes them in one go.
 */
public final class SpecResolver {
    static final int MAX_PORT = 65_535;
    static final int CLUSTER_BUS_OFFSET = 10_000;
    /** Lowercase words joined by dashes, or underscores as in server_cpulist and bgsave_cpulist. */
    private static final Pattern DIRECTIVE = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Directives Spinel derives itself; setting them by hand would break planning or secrets. */
    static final Set<String> OWNED_DIRECTIVES = Set.of("port", "bind", "dir", "pidfile", "logfile",
            "daemonize", "cluster-enabled", "cluster-config-file", "requirepass", "masterauth",
            "replicaof", "slaveof", "include", "unixsocket", "supervised");

    /** Directives Spinel reads back itself, so their values must parse. */
    private static final Set<String> MILLISECONDS = Set.of("cluster-node-timeout");

    private SpecResolver() {
    }

    public static ResolvedSpec resolve(SpecDraft draft, SpecSource source) {
        List<SpecProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        if (draft.version() != null && draft.version() > SpecDraft.CURRENT_VERSION) {
            problems.add(new SpecProblem("version", "written by a newer Spinel (format " + draft.version()
                    + "; this one reads " + SpecDraft.CURRENT_VERSION + "): upgrade Spinel"));
        }
        Mode mode = parseMode(draft, problems);
        Profile profile = parseChoice(draft.profile(), "profile", Profile::parse, Profile.STORE, problems);
        Durability durability = parseChoice(draft.durability(), "durability", Durability::parse, Durability.ASYNC,
                problems);
        Network network = parseChoice(draft.network(), "network", Network::parse, Network.LOOPBACK, problems);
        SpecDraft.SentinelDraft sentinel = draft.sentinel() == null
                ? new SpecDraft.SentinelDraft(null, null, null, null) : draft.sentinel();

        int shards = 0;
        int replicas = 0;
        if (mode == Mode.AUTO) {
            Mode chosen = resolveAuto(draft, problems, warnings);
            int nodes = draft.nodes() == null ? 0 : draft.nodes();
            mode = chosen;
            switch (chosen) {
                case SENTINEL -> replicas = nodes - 1;
                case CLUSTER -> {
                    replicas = nodes >= 6 ? 1 : 0;
                    shards = nodes / (1 + replicas);
                }
                default -> replicas = 0;
            }
        } else if (mode != null) {
            if (draft.nodes() != null) {
                problems.add(new SpecProblem("nodes", "only used with mode auto; mode " + mode.id()
                        + " takes shards and replicas"));
            }
            replicas = orDefault(draft.replicas(), mode == Mode.CLUSTER ? Spec.DEFAULT_CLUSTER_REPLICAS
                    : mode == Mode.STANDALONE ? 0 : Spec.DEFAULT_REPLICAS);
            shards = mode == Mode.CLUSTER ? orDefault(draft.shards(), Spec.DEFAULT_CLUSTER_SHARDS) : 0;
            checkShape(mode, draft, shards, replicas, problems);
        }
        int formedShards = formedShards(draft, mode, shards, problems);
        if (mode == Mode.STANDALONE && draft.mode() != null && !"auto".equalsIgnoreCase(draft.mode())) {
            warnings.add("standalone has no replica and no failover: if this node dies, Redis is down");
        }

        int sentinels = orDefault(sentinel.count(), Spec.DEFAULT_SENTINELS);
        int quorum = orDefault(sentinel.quorum(), sentinels / 2 + 1);
        if (mode == Mode.SENTINEL) {
            checkSentinels(sentinels, quorum, problems, warnings);
        } else if (mode != null && draft.sentinel() != null) {
            problems.add(new SpecProblem("sentinel", "only used with mode sentinel, not " + mode.id()));
        }
        int downAfter = orDefault(sentinel.downAfterMilliseconds(), Tuning.SENTINEL_DOWN_AFTER_MS);
        if (downAfter < Tuning.SENTINEL_MIN_DOWN_AFTER_MS) {
            problems.add(new SpecProblem("sentinel.down-after-milliseconds", "must be at least "
                    + Tuning.SENTINEL_MIN_DOWN_AFTER_MS + ": shorter, a scheduling hiccup is a failover; got " + downAfter));
        }
        if (durability == Durability.REPLICATED && mode != null && replicas == 0) {
            problems.add(new SpecProblem("durability", "replicated needs at least one replica per primary; "
                    + mode.id() + " here has none"));
        }
        String masterName = orDefault(sentinel.masterName(), Spec.DEFAULT_MASTER_NAME);
        if (!DIRECTIVE.matcher(masterName.toLowerCase()).matches()) {
            problems.add(new SpecProblem("sentinel.master-name", "'" + masterName
                    + "' must be letters, digits and dashes"));
        }

        List<String> hosts = draft.hosts() == null || draft.hosts().isEmpty()
                ? List.of(Spec.DEFAULT_HOST) : draft.hosts();
        hosts.forEach(host -> checkHost(host, problems));
        if (hosts.stream().distinct().count() != hosts.size()) {
            problems.add(new SpecProblem("hosts", "lists a host twice: " + hosts));
        }
        if (network == Network.NAMESPACES && draft.hosts() != null && !draft.hosts().equals(List.of(Spec.DEFAULT_HOST))) {
            problems.add(new SpecProblem("hosts", "network: namespaces gives every node an address of its own;"
                    + " leave hosts out"));
        }
        Map<String, String> settings = draft.settings() == null ? Map.of() : new LinkedHashMap<>(draft.settings());
        settings.forEach((key, value) -> checkSetting(key, value, problems));

        int portBase = orDefault(draft.portBase(),
                mode == Mode.CLUSTER ? Spec.DEFAULT_CLUSTER_PORT_BASE : Spec.DEFAULT_PORT_BASE);
        int sentinelPortBase = orDefault(sentinel.portBase(), Spec.DEFAULT_SENTINEL_PORT_BASE);
        Optional<BackupSchedule> backup = BackupScheduleResolver.resolve(draft.backup(), problems);
        Optional<AuditSchedule> audit = auditSchedule(draft.audit(), problems);

        if (!problems.isEmpty() || mode == null) {
            throw SpecException.of(source, problems);
        }
        Spec spec = new Spec(mode, shards, formedShards, replicas,
                mode == Mode.SENTINEL ? sentinels : 0, mode == Mode.SENTINEL ? quorum : 0, masterName,
                portBase, sentinelPortBase, hosts, profile, settings, backup,
                mode == Mode.SENTINEL ? downAfter : 0, durability, network, audit);
        checkPorts(spec, problems);
        if (network == Network.NAMESPACES && spec.dataNodeCount() + spec.sentinels() > NamespaceLayout.MAX_NODES) {
            problems.add(new SpecProblem("network", "namespaces give at most " + NamespaceLayout.MAX_NODES
                    + " nodes an address; this spec has " + (spec.dataNodeCount() + spec.sentinels())));
        }
        if (!problems.isEmpty()) {
            throw SpecException.of(source, problems);
        }
        return new ResolvedSpec(spec, warnings);
    }

    /**
     * {@code formed-shards}: written by {@code spinel scale} so the ports of the shards the cluster
     * was formed with stay where they are; the shard count itself when missing.
     */
    private static int formedShards(SpecDraft draft, Mode mode, int shards, List<SpecProblem> problems) {
        if (draft.formedShards() == null) {
            return mode == Mode.CLUSTER ? shards : 0;
        }
        if (mode != Mode.CLUSTER) {
            problems.add(new SpecProblem("formed-shards", "only used with mode cluster"));
        } else if (draft.formedShards() < 1) {
            problems.add(new SpecProblem("formed-shards", "must be at least 1, got " + draft.formedShards()));
        }
        return mode == Mode.CLUSTER ? Math.max(1, draft.formedShards()) : 0;
    }

    private static Optional<AuditSchedule> auditSchedule(SpecDraft.AuditDraft draft, List<SpecProblem> problems) {
        if (draft == null) {
            return Optional.empty();
        }
        if (draft.schedule() == null || draft.schedule().isBlank()) {
            problems.add(new SpecProblem("audit.schedule", "is needed in an audit block: a cron expression such as"
                    + " '30 4 * * *' (every day at 04:30 UTC)"));
            return Optional.empty();
        }
        try {
            return Optional.of(new AuditSchedule(new CronSchedule(draft.schedule().strip()),
                    Boolean.TRUE.equals(draft.repair())));
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem("audit.schedule", e.getMessage()));
            return Optional.empty();
        }
    }

    private static Mode parseMode(SpecDraft draft, List<SpecProblem> problems) {
        if (draft.mode() == null) {
            return draft.nodes() != null ? Mode.AUTO : Mode.SENTINEL;
        }
        try {
            return Mode.parse(draft.mode());
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem("mode", e.getMessage()));
            return null;
        }
    }

    /** A choice field of the spec: its default when missing; a problem naming {@code field} when unknown. */
    private static <T> T parseChoice(String text, String field, Function<String, T> parse, T fallback,
                                     List<SpecProblem> problems) {
        if (text == null) {
            return fallback;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem(field, e.getMessage()));
            return fallback;
        }
    }

    private static Mode resolveAuto(SpecDraft draft, List<SpecProblem> problems, List<String> warnings) {
        if (draft.shards() != null || draft.replicas() != null) {
            problems.add(new SpecProblem(draft.shards() != null ? "shards" : "replicas",
                    "mode auto picks shards and replicas from nodes; give one or the other"));
        }
        if (draft.nodes() == null || draft.nodes() < 1) {
            problems.add(new SpecProblem("nodes", "mode auto needs the number of data nodes (1 or more), got "
                    + draft.nodes()));
            return Mode.STANDALONE;
        }
        int nodes = draft.nodes();
        if (nodes == 1) {
            warnings.add("auto picked standalone for 1 node: it has no replica and no failover");
            return Mode.STANDALONE;
        }
        if (nodes == 2) {
            return Mode.SENTINEL;
        }
        if (nodes >= 6 && nodes % 2 != 0) {
            problems.add(new SpecProblem("nodes", "auto makes a cluster with one replica per primary from 6 nodes"
                    + " on, so it needs an even count (" + (nodes - 1) + " or " + (nodes + 1)
                    + "); or choose mode cluster with shards and replicas"));
        }
        if (nodes < 6) {
            warnings.add("auto picked a cluster of " + nodes + " primaries without replicas: "
                    + "a primary that dies takes its slots down until it is back (6 nodes give each a replica)");
        }
        return Mode.CLUSTER;
    }

    private static void checkShape(Mode mode, SpecDraft draft, int shards, int replicas, List<SpecProblem> problems) {
        if (replicas < 0) {
            problems.add(new SpecProblem("replicas", "cannot be negative, got " + replicas));
        }
        switch (mode) {
            case STANDALONE -> {
                if (replicas > 0) {
                    problems.add(new SpecProblem("replicas", "standalone has no replicas; use mode replication"
                            + " or sentinel for " + replicas));
                }
                if (draft.shards() != null) {
                    problems.add(new SpecProblem("shards", "only used with mode cluster"));
                }
            }
            case REPLICATION, SENTINEL -> {
                if (replicas < 1) {
                    problems.add(new SpecProblem("replicas", "mode " + mode.id() + " needs at least 1 replica, got "
                            + replicas));
                }
                if (draft.shards() != null) {
                    problems.add(new SpecProblem("shards", "only used with mode cluster"));
                }
            }
            case CLUSTER -> {
                if (shards < 3) {
                    problems.add(new SpecProblem("shards", "a Redis Cluster needs at least 3 primaries to agree on "
                            + "failures, got " + shards));
                }
            }
            default -> throw new IllegalStateException("unresolved mode " + mode);
        }
    }

    private static void checkSentinels(int sentinels, int quorum, List<SpecProblem> problems, List<String> warnings) {
        if (sentinels < 1) {
            problems.add(new SpecProblem("sentinel.count", "needs at least 1 Sentinel, got " + sentinels));
            return;
        }
        if (quorum < 1 || quorum > sentinels) {
            problems.add(new SpecProblem("sentinel.quorum", "must be between 1 and the number of Sentinels ("
                    + sentinels + "), got " + quorum));
        }
        if (sentinels < 3) {
            warnings.add(sentinels + " Sentinel(s) cannot survive the loss of one: 3 is the usual minimum");
        } else if (sentinels % 2 == 0) {
            warnings.add(sentinels + " Sentinels tolerate no more failures than " + (sentinels - 1)
                    + ": an odd number is the usual choice");
        }
    }

    private static void checkHost(String host, List<SpecProblem> problems) {
        var v4 = IPV4.matcher(host);
        boolean ok = v4.matches()
                ? IntStream.rangeClosed(1, 4).allMatch(i -> Integer.parseInt(v4.group(i)) <= 255)
                : host.contains(":") && host.matches("[0-9a-fA-F:]+");
        if (!ok) {
            problems.add(new SpecProblem("hosts", "'" + host + "' is not an IP address (names are not resolved)"));
        }
    }

    private static void checkSetting(String key, String value, List<SpecProblem> problems) {
        String field = "settings." + key;
        if (!DIRECTIVE.matcher(key).matches()) {
            problems.add(new SpecProblem(field, "'" + key + "' is not a redis.conf directive name"));
        } else if (OWNED_DIRECTIVES.contains(key)) {
            problems.add(new SpecProblem(field, "is set by Spinel itself and cannot be overridden"));
        }
        if (value == null || value.isBlank() || value.contains("\n") || value.contains("\r")) {
            problems.add(new SpecProblem(field, "needs a one-line value, got '" + value + "'"));
        } else if (MILLISECONDS.contains(key) && !value.strip().matches("\\d{1,9}")) {
            problems.add(new SpecProblem(field, "needs a number of milliseconds, got '" + value + "'"));
        }
    }

    private static void checkPorts(Spec spec, List<SpecProblem> problems) {
        int dataCount = spec.dataNodeCount();
        int dataLast = LayoutPlanner.lastDataPort(spec);
        if (spec.portBase() < 1 || dataLast > MAX_PORT) {
            problems.add(new SpecProblem("port-base", "too few ports: " + dataCount + " data nodes from "
                    + spec.portBase() + " need ports up to " + dataLast + " (65535 at most)"));
        }
        if (spec.mode() == Mode.CLUSTER && dataLast + CLUSTER_BUS_OFFSET > MAX_PORT) {
            problems.add(new SpecProblem("port-base", "cluster bus ports are data port + 10000, so the last data port "
                    + "must be at most " + (MAX_PORT - CLUSTER_BUS_OFFSET) + ", got " + dataLast));
        }
        if (spec.hasSentinels()) {
            int sentinelLast = spec.sentinelPortBase() + spec.sentinels() - 1;
            if (spec.sentinelPortBase() < 1 || sentinelLast > MAX_PORT) {
                problems.add(new SpecProblem("sentinel.port-base", "too few ports: " + spec.sentinels()
                        + " Sentinels from " + spec.sentinelPortBase() + " need ports up to " + sentinelLast));
            } else if (spec.sentinelPortBase() <= dataLast && sentinelLast >= spec.portBase()) {
                problems.add(new SpecProblem("sentinel.port-base", "Sentinel ports " + spec.sentinelPortBase() + "-"
                        + sentinelLast + " overlap data ports " + spec.portBase() + "-" + dataLast));
            }
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}

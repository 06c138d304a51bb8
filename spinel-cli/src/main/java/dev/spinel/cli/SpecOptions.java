package dev.spinel.cli;

import dev.spinel.ops.topology.SpecDraft;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The topology flags shared by plan and up; each maps onto one field of spinel.yaml. */
final class SpecOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Spec file (spinel.yaml format).")
    Path file;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "standalone, replication, sentinel (default), cluster, or auto (picks from --nodes).")
    String mode;

    @Option(names = "--nodes", paramLabel = "N", description = "Data nodes, for --mode auto: 1 standalone, 2 sentinel, 3+ cluster.")
    Integer nodes;

    @Option(names = "--shards", paramLabel = "N", description = "Cluster primaries (default 3).")
    Integer shards;

    @Option(names = "--replicas", paramLabel = "N", description = "Replicas per primary (default 2; cluster 1).")
    Integer replicas;

    @Option(names = "--sentinels", paramLabel = "N", description = "Sentinels (default 3).")
    Integer sentinels;

    @Option(names = "--quorum", paramLabel = "N", description = "Sentinels that must agree a primary is down (default 2).")
    Integer quorum;

    @Option(names = "--master-name", paramLabel = "NAME", description = "Name Sentinels monitor the primary by (default mymaster).")
    String masterName;

    @Option(names = "--down-after", paramLabel = "MS",
            description = "Sentinel's down-after-milliseconds: silence before a primary counts as down (default 3000).")
    Integer downAfter;

    @Option(names = "--durability", paramLabel = "MODE",
            description = "async (default) or replicated: primaries refuse writes without a recent replica (min-replicas-to-write 1).")
    String durability;

    @Option(names = "--network", paramLabel = "NETWORK",
            description = {"loopback (default: every node on 127.0.0.1) or namespaces: every node in a network "
                    + "namespace of its own on a bridge, so that `spinel drill --scenario partition-primary` can "
                    + "cut one off (root only)."})
    String network;

    @Option(names = "--port-base", paramLabel = "PORT", description = "First data port (default 6379; cluster 7000).")
    Integer portBase;

    @Option(names = "--sentinel-port-base", paramLabel = "PORT", description = "First Sentinel port (default 26379).")
    Integer sentinelPortBase;

    @Option(names = "--host", paramLabel = "IP", description = "Host address to spread nodes over; repeat for several.")
    List<String> hosts;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "cache (allkeys-lru) or store (noeviction, default).")
    String profile;

    @Option(names = "--set", paramLabel = "DIRECTIVE=VALUE", description = "A redis.conf directive for every data node; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    SpecDraft draft() {
        SpecDraft.SentinelDraft sentinel = sentinels == null && quorum == null && masterName == null
                && sentinelPortBase == null && downAfter == null ? null
                : new SpecDraft.SentinelDraft(sentinels, quorum, masterName, sentinelPortBase, downAfter);
        return new SpecDraft(null, mode, nodes, shards, replicas, portBase, hosts, profile,
                settings.isEmpty() ? null : settings, sentinel, null, durability, network);
    }
}

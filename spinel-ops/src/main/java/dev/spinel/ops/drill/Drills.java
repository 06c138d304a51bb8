package dev.spinel.ops.drill;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.connect.SpinelClientOptions;
import dev.spinel.client.lock.Durability;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.form.Deadline;
import dev.spinel.ops.form.NotReadyException;
import dev.spinel.ops.form.Up;
import dev.spinel.ops.form.Waits;
import dev.spinel.ops.monitor.EventLog;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.MonitorEvent;
import dev.spinel.ops.monitor.NodeRef;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.SpecDraft;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code spinel drill}: faults injected into a running Sentinel or Cluster topology while writers
 * record every acknowledged write; afterwards every one is read back from the new primary. Each
 * round ends with the topology formed again ({@code up} brings the killed node back as a replica).
 */
public final class Drills {
    private static final Duration WARM_UP_ACKS_TIMEOUT = Duration.ofSeconds(30);
    private static final long WARM_UP_ACKS = 200;
    /** Writes before the fault run at least this long, so their rate is the durability's throughput. */
    private static final Duration STEADY_WRITES = Duration.ofSeconds(1);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);
    /** Writes count as back once this long has passed without a failed one. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    /** How long writes may keep failing after a failover before the killed node is brought back meanwhile. */
    private static final Duration REPLICA_WAIT = Duration.ofSeconds(10);

    /** Faults a drill can inject. */
    public enum Scenario {
        /** kill -9 of the primary. */
        KILL_PRIMARY,
        /**
         * SIGSTOP of the primary until a new one is named, then SIGCONT: the old primary wakes up
         * believing it is still primary, with clients' writes queued on its sockets.
         */
        STOP_PRIMARY;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public record Request(Path projectDir, Scenario scenario, int rounds, Durability durability, int writers,
                          String spinelVersion) {
    }

    private Drills() {
    }

    /** The writes a drill makes when none are asked for: as durable as the topology's spec says. */
    public static Durability topologyDurability(Path projectDir) {
        return SpecLoader.load(projectDir, Optional.empty(), SpecDraft.empty()).resolved().spec().durability()
                == dev.spinel.ops.topology.Durability.REPLICATED ? Durability.REPLICATED : Durability.ASYNC;
    }

    public static List<DrillRound> run(Request request, Consumer<String> progress) {
        WatchTarget target = WatchTarget.ofProject(request.projectDir());
        Mode mode = target.expected().mode();
        if (mode != Mode.SENTINEL && mode != Mode.CLUSTER) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "a drill needs a topology that fails over:"
                    + " this project is " + mode.id() + "; use mode sentinel or cluster");
        }
        List<DrillRound> rounds = new ArrayList<>();
        // Each round goes into the project's event log, so the console's timeline shows it with its figures.
        EventLog events = EventLog.inFolder(target.projectRoot().orElseThrow());
        for (int round = 1; round <= request.rounds(); round++) {
            DrillRound result = primaryFault(request, target, round, progress);
            rounds.add(result);
            events.append(new MonitorEvent(Instant.now(), EventType.DRILL, result.victim(), "drill " + result.scenario()
                    + " of " + result.victim() + " (" + result.durability() + "): new primary " + result.newPrimary()
                    + " after " + result.detectionMillis() + " ms, writes back after " + result.writesBackMillis()
                    + " ms, " + result.lost().size() + " of " + result.acknowledged() + " acknowledged writes lost",
                    Map.of("detection_ms", Long.toString(result.detectionMillis()),
                            "writes_back_ms", Long.toString(result.writesBackMillis()),
                            "acknowledged", Long.toString(result.acknowledged()),
                            "lost", Integer.toString(result.lost().size()),
                            "writes_per_second", Long.toString(result.writesPerSecond()))));
        }
        return rounds;
    }

    private static DrillRound primaryFault(Request request, WatchTarget target, int round, Consumer<String> progress) {
        Snapshot before = Poller.once(target, Duration.ofSeconds(5), Clock.systemUTC());
        List<NodeSample> primaries = before.dataNodes().stream().filter(NodeSample::isPrimary)
                .filter(n -> target.expected().mode() != Mode.CLUSTER || n.clusterSelf().map(c -> !c.slots().isEmpty()).orElse(false))
                .toList();
        if (primaries.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.FAILED, "no primary answers: run `spinel status`, then `spinel up`");
        }
        // In a cluster, each round takes the next shard's primary.
        NodeSample victim = primaries.get((round - 1) % primaries.size());
        String run = Long.toString(System.currentTimeMillis(), 36) + "r" + round;
        SpinelClientOptions options = SpinelClientOptions.builder().commandTimeout(Duration.ofSeconds(1))
                .topologyRefresh(Duration.ofSeconds(1)).build();
        AckLedger ledger = new AckLedger();
        try (SpinelClient client = SpinelClient.create(DrillTarget.uri(target), options);
             AdminSession admin = new AdminSession(() -> target.password().get())) {
            long fault;
            String newPrimary;
            long detected;
            long syncsBefore;
            long writesPerSecond;
            boolean broughtBack = false;
            try (DrillWriters writers = new DrillWriters(client, run, request.writers(), request.durability(),
                    target.expected().replicasPerPrimary(), Duration.ofMillis(500), ledger)) {
                writers.start();
                long started = System.nanoTime();
                Waits.until("the drill's writers to warm up", Deadline.in(WARM_UP_ACKS_TIMEOUT),
                        () -> ledger.acknowledgedCount() >= WARM_UP_ACKS
                                && System.nanoTime() - started >= STEADY_WRITES.toNanos() ? Waits.Check.ok()
                                : Waits.Check.notYet(ledger.acknowledgedCount() + " writes acknowledged"));
                progress.accept("round " + round + ": " + request.scenario().id() + " of " + victim.node().name()
                        + " after " + ledger.acknowledgedCount() + " acknowledged writes");
                fault = System.nanoTime();
                writesPerSecond = ledger.acknowledgedCount() * 1_000_000_000L / (fault - started);
                Runnable resume = inject(request, victim.node().name());
                try {
                    newPrimary = awaitNewPrimary(target, admin, victim);
                    detected = System.nanoTime();
                } finally {
                    resume.run();
                }
                progress.accept("round " + round + ": " + newPrimary + " took over after " + (detected - fault) / 1_000_000
                        + " ms");
                syncsBefore = fullSyncs(admin, newPrimary);
                // With REPLICATED writes and one replica per primary, the new primary has no replica to
                // confirm them until the killed node is back: writes to its data resume only then.
                if (!quietWithin(ledger, detected, REPLICA_WAIT)) {
                    progress.accept("round " + round + ": writes still fail " + REPLICA_WAIT.toSeconds()
                            + " s after the failover; bringing " + victim.node().name() + " back while they run");
                    restoreTopology(request, admin, victim);
                    broughtBack = true;
                }
                Waits.until("writes to succeed again", Deadline.in(FAILOVER_TIMEOUT),
                        () -> quiet(ledger, detected) ? Waits.Check.ok()
                                : Waits.Check.notYet(ledger.failures() + " failed writes so far"));
            }
            long writesBack = (ledger.writesBackNanos(fault) - fault) / 1_000_000;
            List<String> lost = readBack(client, ledger);
            if (!broughtBack) {
                restoreTopology(request, admin, victim);
            }
            String returned = returnOf(admin, victim, newPrimary, before, syncsBefore);
            progress.accept("round " + round + ": " + lost.size() + " of " + ledger.acknowledgedCount()
                    + " acknowledged writes lost; " + victim.node().name() + " " + returned);
            return new DrillRound(round, request.scenario().id(), request.durability().name().toLowerCase(Locale.ROOT),
                    victim.node().name(), nameOf(before, newPrimary), (detected - fault) / 1_000_000, writesBack,
                    ledger.acknowledgedCount(), ledger.failures(), lost, returned, "ready", writesPerSecond);
        }
    }

    /** No failed write for {@link #QUIET} since {@code since}, and an acknowledged one after it. */
    private static boolean quiet(AckLedger ledger, long since) {
        long last = Math.max(ledger.lastFailureNanos(), since);
        return System.nanoTime() - last > QUIET.toNanos() && ledger.lastAckNanos() > last;
    }

    private static boolean quietWithin(AckLedger ledger, long since, Duration limit) {
        try {
            Waits.until("writes to succeed again", Deadline.in(limit),
                    () -> quiet(ledger, since) ? Waits.Check.ok() : Waits.Check.notYet("failing"));
            return true;
        } catch (NotReadyException e) {
            return false;
        }
    }

    /**
     * Forms the topology again. A killed node is started by {@code up} and rejoins as a replica. A
     * stopped one is running again: Sentinel (or the cluster, by its newer epoch) demotes it by
     * itself, and until then it is a second primary holding data, which {@code up} rightly refuses
     * to choose between; so wait for the demotion first.
     */
    private static void restoreTopology(Request request, AdminSession admin, NodeSample victim) {
        if (request.scenario() == Scenario.STOP_PRIMARY) {
            Waits.until(victim.node().name() + " to be demoted to replica", Deadline.in(FAILOVER_TIMEOUT), () -> {
                try {
                    String role = admin.node(victim.node().host(), victim.node().port()).info("replication").role();
                    return role.equals("slave") ? Waits.Check.ok() : Waits.Check.notYet("role " + role);
                } catch (RuntimeException e) {
                    // Sentinel closes every client of a node it demotes, ours included: connect again.
                    admin.forget(victim.node().host(), victim.node().port());
                    return Waits.Check.notYet(String.valueOf(e.getMessage()));
                }
            });
        }
        Up.up(Up.Request.again(request.projectDir(), Up.DEFAULT_TIMEOUT, request.spinelVersion(), step -> { }));
    }

    /** Injects the scenario's fault; returns what undoes it once a new primary is named (nothing, for a kill). */
    private static Runnable inject(Request request, String node) {
        return switch (request.scenario()) {
            case KILL_PRIMARY -> {
                Faults.kill(request.projectDir(), node);
                yield () -> { };
            }
            case STOP_PRIMARY -> Faults.stop(request.projectDir(), node);
        };
    }

    /** The address of the node serving the killed primary's data now, once the topology names one. */
    private static String awaitNewPrimary(WatchTarget target, AdminSession admin, NodeSample victim) {
        String old = victim.node().address();
        String[] found = new String[1];
        Waits.until("a new primary for " + victim.node().name() + "'s data", Deadline.in(FAILOVER_TIMEOUT), () -> {
            if (target.expected().mode() == Mode.SENTINEL) {
                for (NodeRef sentinel : target.nodes().stream().filter(n -> n.kind() == NodeRef.Kind.SENTINEL).toList()) {
                    Optional<String> named = admin.node(sentinel.host(), sentinel.port())
                            .sentinelPrimaryAddress(target.expected().masterName());
                    if (named.isPresent() && !named.get().equals(old)) {
                        found[0] = named.get();
                        return Waits.Check.ok();
                    }
                }
                return Waits.Check.notYet("the Sentinels still name " + old);
            }
            int slot = victim.clusterSelf().orElseThrow().slots().getFirst().first();
            for (NodeRef node : target.nodes()) {
                if (node.address().equals(old)) {
                    continue;
                }
                for (ClusterNode seen : admin.node(node.host(), node.port()).clusterNodes()) {
                    boolean serves = seen.isPrimary() && !seen.isFailing() && seen.slots().stream()
                            .anyMatch(r -> r.first() <= slot && slot <= r.last());
                    if (serves && !seen.address().equals(old)) {
                        found[0] = seen.address();
                        return Waits.Check.ok();
                    }
                }
                return Waits.Check.notYet(old + " still serves slot " + slot);
            }
            return Waits.Check.notYet("no node answers");
        });
        return found[0];
    }

    /** Every acknowledged write read back; the client may need a moment to reach the new primary. */
    private static List<String> readBack(SpinelClient client, AckLedger ledger) {
        List<List<String>> result = new ArrayList<>();
        Waits.until("the acknowledged writes to be read back", Deadline.in(FAILOVER_TIMEOUT), () -> {
            result.clear();
            result.add(LossChecker.lost(client.sync(), ledger.acknowledgedKeys()));
            return Waits.Check.ok();
        });
        return result.getFirst();
    }

    private static long fullSyncs(AdminSession admin, String address) {
        String[] hostPort = address.split(":");
        return admin.node(hostPort[0], Integer.parseInt(hostPort[1])).info("stats").number("sync_full");
    }

    /** The killed node's role once {@code up} brought it back, and whether its resync was full or partial. */
    private static String returnOf(AdminSession admin, NodeSample victim, String newPrimary, Snapshot before,
                                   long fullSyncsBefore) {
        InfoReply info = admin.node(victim.node().host(), victim.node().port()).info("replication");
        String role = info.role().equals("slave") ? "replica of " + nameOf(before, newPrimary) : info.role();
        long fullSyncs = fullSyncs(admin, newPrimary) - fullSyncsBefore;
        return "returned as " + role + " (" + (fullSyncs > 0 ? "full resync" : "partial resync") + ")";
    }

    private static String nameOf(Snapshot snapshot, String address) {
        return snapshot.dataNodes().stream().filter(n -> n.node().address().equals(address))
                .map(n -> n.node().name()).findFirst().orElse(address);
    }
}

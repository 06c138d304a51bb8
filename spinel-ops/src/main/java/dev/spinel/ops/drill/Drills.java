package dev.spinel.ops.drill;

import dev.spinel.client.connect.SpinelClient;
import dev.spinel.client.connect.SpinelClientOptions;
import dev.spinel.client.lock.Durability;
import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.form.Deadline;
import dev.spinel.ops.form.NotReadyException;
import dev.spinel.ops.form.Waits;
import dev.spinel.ops.monitor.ClientUri;
import dev.spinel.ops.monitor.EventLog;
import dev.spinel.ops.monitor.EventType;
import dev.spinel.ops.monitor.Health;
import dev.spinel.ops.monitor.HealthRules;
import dev.spinel.ops.monitor.MonitorEvent;
import dev.spinel.ops.monitor.Poller;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.Network;
import dev.spinel.ops.process.NetworkNamespaces;
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
import java.util.stream.Collectors;

/**
 * {@code spinel drill}: faults injected into a running Sentinel or Cluster topology while writers
 * record every acknowledged write; afterwards every one is read back from the node serving the data.
 * Each round ends with the topology formed again ({@code up} brings a killed node back as a replica).
 * Which nodes a round hits and how is {@link RoundFault}'s part.
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
    /** How long the topology may take to report healthy once formed again (Sentinels hear of a returned replica within seconds). */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);

    /** Faults a drill can inject. */
    public enum Scenario {
        /** kill -9 of the primary. */
        KILL_PRIMARY,
        /**
         * SIGSTOP of the primary until a new one is named, then SIGCONT: the old primary wakes up
         * believing it is still primary, with clients' writes queued on its sockets.
         */
        STOP_PRIMARY,
        /** kill -9 of a replica: writes go on, the topology marks it down, {@code up} brings it back to resync. */
        KILL_REPLICA,
        /** kill -9 of one Sentinel, then of the primary: the two left still reach quorum and fail over. */
        KILL_SENTINEL,
        /** SIGTERM to every node, as a host shutting down sends it, then {@code up}: nothing acknowledged is lost. */
        RESTART_ALL,
        /**
         * The primary's network link dropped until a new primary is named, then restored: as
         * stop-primary, but the old primary runs on, cut off (needs {@code network: namespaces}).
         */
        PARTITION_PRIMARY;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What to drill.
     *
     * @param rate write attempts per second across all writers; 0 for as fast as they go
     */
    public record Request(Path projectDir, Scenario scenario, int rounds, Durability durability, int writers, int rate,
                          String spinelVersion) {
    }

    private Drills() {
    }

    /** The writes a drill makes when none are asked for: as durable as the topology's spec says. */
    public static Durability topologyDurability(Path projectDir) {
        return SpecLoader.load(projectDir, Optional.empty(), SpecDraft.empty()).resolved().spec().durability()
                == dev.spinel.ops.topology.Durability.REPLICATED ? Durability.REPLICATED : Durability.ASYNC;
    }

    /** partition-primary cuts a link that only a topology with {@code network: namespaces} has. */
    private static void requireNamespaces(Path projectDir) {
        Network network = SpecLoader.load(projectDir, Optional.empty(), SpecDraft.empty()).resolved().spec().network();
        Optional<String> unavailable = network != Network.NAMESPACES
                ? Optional.of("it cuts the primary's network link, which only a topology formed with network: namespaces"
                + " has (as root: spinel up --network namespaces); this one uses " + network.id())
                : NetworkNamespaces.unavailable();
        if (unavailable.isPresent()) {
            throw new SpinelException(SpinelException.Kind.BLOCKED, "partition-primary skipped: " + unavailable.get());
        }
    }

    public static List<DrillRound> run(Request request, Consumer<String> progress) {
        WatchTarget target = WatchTarget.ofProject(request.projectDir());
        Mode mode = target.expected().mode();
        if (mode != Mode.SENTINEL && mode != Mode.CLUSTER) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "a drill needs a topology that fails over:"
                    + " this project is " + mode.id() + "; use mode sentinel or cluster");
        }
        if (request.scenario() == Scenario.PARTITION_PRIMARY) {
            requireNamespaces(request.projectDir());
        }
        if (request.scenario() == Scenario.KILL_SENTINEL && mode != Mode.SENTINEL) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--scenario kill-sentinel needs Sentinels: this"
                    + " project is " + mode.id() + ", whose nodes detect failures among themselves");
        }
        List<DrillRound> rounds = new ArrayList<>();
        // Each round goes into the project's event log, so the console's timeline shows it with its figures.
        EventLog events = EventLog.inFolder(target.projectRoot().orElseThrow());
        for (int round = 1; round <= request.rounds(); round++) {
            DrillRound result = round(request, target, round, progress);
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

    private static DrillRound round(Request request, WatchTarget target, int round, Consumer<String> progress) {
        Snapshot before = Poller.once(target, Duration.ofSeconds(5), Clock.systemUTC());
        String run = Long.toString(System.currentTimeMillis(), 36) + "r" + round;
        SpinelClientOptions options = SpinelClientOptions.builder().commandTimeout(Duration.ofSeconds(1))
                .topologyRefresh(Duration.ofSeconds(1)).build();
        AckLedger ledger = new AckLedger();
        try (SpinelClient client = SpinelClient.create(ClientUri.of(target), options);
             AdminSession admin = new AdminSession(() -> target.password().get())) {
            RoundFault fault = RoundFault.choose(request, target, admin, before, round);
            RoundFault.Outcome outcome;
            long writesPerSecond;
            boolean restored;
            try (DrillWriters writers = new DrillWriters(client, run, request.writers(), request.rate(),
                    request.durability(), target.expected().replicasPerPrimary(), Duration.ofMillis(500), ledger)) {
                writers.start();
                long started = System.nanoTime();
                Waits.until("the drill's writers to warm up", Deadline.in(WARM_UP_ACKS_TIMEOUT),
                        () -> ledger.acknowledgedCount() >= WARM_UP_ACKS
                                && System.nanoTime() - started >= STEADY_WRITES.toNanos() ? Waits.Check.ok()
                                : Waits.Check.notYet(ledger.acknowledgedCount() + " writes acknowledged"));
                progress.accept("round " + round + ": " + fault.describe() + " after " + ledger.acknowledgedCount()
                        + " acknowledged writes");
                writesPerSecond = ledger.acknowledgedCount() * 1_000_000_000L / (System.nanoTime() - started);
                outcome = fault.strike(progress);
                progress.accept("round " + round + ": noticed after " + (outcome.detectedNanos() - outcome.faultNanos())
                        / 1_000_000 + " ms; " + before.nameOf(outcome.primaryAddress()) + " serves the data");
                restored = outcome.restored();
                // With REPLICATED writes and one replica per primary, the new primary has no replica to
                // confirm them until the killed node is back: writes to its data resume only then.
                if (!restored && (fault.restoresOnDetection()
                        || !quietWithin(ledger, outcome.detectedNanos(), REPLICA_WAIT))) {
                    progress.accept("round " + round + ": bringing " + fault.victim().node().name()
                            + " back while the writers run");
                    fault.restore();
                    restored = true;
                }
                Waits.until("writes to succeed again", Deadline.in(FAILOVER_TIMEOUT),
                        () -> quiet(ledger, outcome.detectedNanos()) ? Waits.Check.ok()
                                : Waits.Check.notYet(ledger.failures() + " failed writes so far"));
            }
            long writesBack = (ledger.writesBackNanos(outcome.faultNanos()) - outcome.faultNanos()) / 1_000_000;
            List<String> lost = readBack(client, ledger);
            if (!restored) {
                fault.restore();
            }
            String returned = fault.returnOf(outcome);
            String health = healthAfter(target);
            progress.accept("round " + round + ": " + lost.size() + " of " + ledger.acknowledgedCount()
                    + " acknowledged writes lost; " + fault.victim().node().name() + " " + returned);
            if (ledger.failures() > 0) {
                progress.accept("round " + round + ": failed writes: " + ledger.failureReasons());
            }
            return new DrillRound(round, request.scenario().id(), request.durability().name().toLowerCase(Locale.ROOT),
                    fault.victim().node().name(), before.nameOf(outcome.primaryAddress()),
                    (outcome.detectedNanos() - outcome.faultNanos()) / 1_000_000, writesBack,
                    ledger.acknowledgedCount(), ledger.failures(), lost, returned, health, writesPerSecond);
        }
    }

    /**
     * The topology's health once it was formed again, by the console's rules: {@code healthy}, or
     * (if it is not within {@link #HEALTH_TIMEOUT}) the status and every reason.
     */
    private static String healthAfter(WatchTarget target) {
        Health[] last = new Health[1];
        try {
            Waits.until("the topology to be healthy", Deadline.in(HEALTH_TIMEOUT), () -> {
                Snapshot now = Poller.once(target, Duration.ofSeconds(5), Clock.systemUTC());
                last[0] = HealthRules.evaluate(target.expected(), now.nodes());
                return last[0].isHealthy() ? Waits.Check.ok() : Waits.Check.notYet(last[0].status().id());
            });
            return last[0].status().id();
        } catch (NotReadyException e) {
            return last[0] == null ? "unknown: " + e.getMessage() : last[0].status().id() + ": "
                    + last[0].reasons().stream().map(Health.Reason::line).collect(Collectors.joining("; "));
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
}

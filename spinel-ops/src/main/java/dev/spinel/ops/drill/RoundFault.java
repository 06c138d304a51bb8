package dev.spinel.ops.drill;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.SentinelView;
import dev.spinel.ops.form.Deadline;
import dev.spinel.ops.form.Up;
import dev.spinel.ops.form.Waits;
import dev.spinel.ops.monitor.NodeRef;
import dev.spinel.ops.process.NetworkNamespaces;
import dev.spinel.ops.monitor.NodeSample;
import dev.spinel.ops.monitor.Snapshot;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.topology.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One drill round's fault: the nodes it hits, how it hits them, what shows that the topology
 * noticed, and how the topology is formed again afterwards.
 */
final class RoundFault {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** kill-sentinel: writes run this long with one Sentinel gone before the primary is killed too. */
    private static final Duration SENTINEL_GONE = Duration.ofSeconds(1);

    /**
     * What the fault did.
     *
     * @param faultNanos      when it struck the data (for kill-sentinel, the primary's kill that followed the Sentinel's)
     * @param detectedNanos   when the topology had noticed: named a new primary, marked a replica down, or (restart-all)
     *                        was formed again
     * @param primaryAddress  the node serving the shard's data afterwards
     * @param fullSyncsBefore that node's count of full resyncs served, before the faulted node came back
     * @param restored        whether the topology was already formed again as part of the fault
     */
    record Outcome(long faultNanos, long detectedNanos, String primaryAddress, long fullSyncsBefore, boolean restored) {
    }

    private final Drills.Request request;
    private final WatchTarget target;
    private final AdminSession admin;
    private final Snapshot before;
    private final NodeSample primary;
    private final Optional<NodeSample> replica;
    private final Optional<NodeRef> sentinel;

    private RoundFault(Drills.Request request, WatchTarget target, AdminSession admin, Snapshot before,
                       NodeSample primary, Optional<NodeSample> replica, Optional<NodeRef> sentinel) {
        this.request = request;
        this.target = target;
        this.admin = admin;
        this.before = before;
        this.primary = primary;
        this.replica = replica;
        this.sentinel = sentinel;
    }

    /** The round's victims: in a cluster each round takes the next shard, and replicas and Sentinels rotate too. */
    static RoundFault choose(Drills.Request request, WatchTarget target, AdminSession admin, Snapshot before, int round) {
        boolean cluster = target.expected().mode() == Mode.CLUSTER;
        List<NodeSample> primaries = before.dataNodes().stream().filter(NodeSample::isPrimary)
                .filter(n -> !cluster || n.clusterSelf().map(c -> !c.slots().isEmpty()).orElse(false))
                .toList();
        if (primaries.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.FAILED, "no primary answers: run `spinel status`, then `spinel up`");
        }
        NodeSample primary = primaries.get((round - 1) % primaries.size());
        Optional<NodeSample> replica = Optional.empty();
        Optional<NodeRef> sentinel = Optional.empty();
        if (request.scenario() == Drills.Scenario.KILL_REPLICA) {
            List<NodeSample> replicas = before.dataNodes().stream().filter(NodeSample::isReplica)
                    .filter(n -> n.info().masterAddress().filter(primary.node().address()::equals).isPresent())
                    .toList();
            if (replicas.isEmpty()) {
                throw new SpinelException(SpinelException.Kind.FAILED, "no replica of " + primary.node().name()
                        + " answers: run `spinel status`, then `spinel up`");
            }
            replica = Optional.of(replicas.get((round - 1) / primaries.size() % replicas.size()));
        }
        if (request.scenario() == Drills.Scenario.KILL_SENTINEL) {
            List<NodeRef> sentinels = sentinels(target);
            sentinel = Optional.of(sentinels.get((round - 1) % sentinels.size()));
        }
        return new RoundFault(request, target, admin, before, primary, replica, sentinel);
    }

    /** The data node the round is about: the replica killed, or the shard's primary. */
    NodeSample victim() {
        return replica.orElse(primary);
    }

    String describe() {
        String victim = victim().node().name();
        return switch (request.scenario()) {
            case KILL_SENTINEL -> "kill -9 of " + sentinel.orElseThrow().name() + ", then of " + victim;
            case RESTART_ALL -> "SIGTERM to every node, then up";
            default -> request.scenario().id() + " of " + victim;
        };
    }

    /** Whether the topology is formed again as soon as the fault was noticed, rather than once writes are back. */
    boolean restoresOnDetection() {
        return request.scenario() == Drills.Scenario.KILL_REPLICA;
    }

    Outcome strike(Consumer<String> progress) {
        String node = victim().node().name();
        switch (request.scenario()) {
            case KILL_PRIMARY -> {
                return untilReplaced(() -> {
                    Faults.kill(request.projectDir(), node);
                    return () -> { };
                });
            }
            case STOP_PRIMARY -> {
                return untilReplaced(() -> Faults.stop(request.projectDir(), node));
            }
            case PARTITION_PRIMARY -> {
                return untilReplaced(() -> {
                    NetworkNamespaces.cut(primary.node().host());
                    return () -> NetworkNamespaces.heal(primary.node().host());
                });
            }
            case KILL_SENTINEL -> {
                NodeRef gone = sentinel.orElseThrow();
                Faults.kill(request.projectDir(), gone.name());
                admin.forget(gone.host(), gone.port());
                progress.accept(gone.name() + " killed; writes go on for " + SENTINEL_GONE.toMillis()
                        + " ms before " + node + " is killed too");
                pause(SENTINEL_GONE);
                return untilReplaced(() -> {
                    Faults.kill(request.projectDir(), node);
                    return () -> { };
                });
            }
            case KILL_REPLICA -> {
                long fault = System.nanoTime();
                Faults.kill(request.projectDir(), node);
                awaitMarkedDown(victim().node());
                return detected(fault, primary.node().address());
            }
            case RESTART_ALL -> {
                long fault = System.nanoTime();
                // Sentinels first, so none of them fails over a primary that is only shutting down.
                Faults.terminate(request.projectDir(), sentinels(target).stream().map(NodeRef::name).toList());
                Faults.terminate(request.projectDir(), target.nodes().stream()
                        .filter(n -> n.kind() == NodeRef.Kind.DATA).map(NodeRef::name).toList());
                admin.forgetAll();
                progress.accept("every node stopped; forming the topology again");
                Up.up(Up.Request.again(request.projectDir(), Up.DEFAULT_TIMEOUT, request.spinelVersion(), step -> { }));
                String serving = awaitPrimary(address -> true);
                // Every node started afresh: each full resync counted now happened after the restart.
                return new Outcome(fault, System.nanoTime(), serving, 0, true);
            }
            default -> throw new IllegalStateException("unknown scenario " + request.scenario());
        }
    }

    private Outcome detected(long fault, String serving) {
        return new Outcome(fault, System.nanoTime(), serving, fullSyncs(serving), false);
    }

    /**
     * Strikes the primary with {@code fault} (which returns what undoes it, run once another
     * primary is named, whatever happens) and waits for the topology to name that other primary.
     */
    private Outcome untilReplaced(java.util.function.Supplier<Runnable> fault) {
        long struck = System.nanoTime();
        Runnable undo = fault.get();
        long detected;
        String serving;
        try {
            serving = awaitPrimary(address -> !address.equals(primary.node().address()));
            detected = System.nanoTime();
        } finally {
            undo.run();
        }
        return new Outcome(struck, detected, serving, fullSyncs(serving), false);
    }

    /**
     * Forms the topology again. A killed node is started by {@code up} and rejoins as a replica. A
     * stopped (or cut off) one is running again: Sentinel (or the cluster, by its newer epoch) demotes it by
     * itself, and until then it is a second primary holding data, which {@code up} rightly refuses
     * to choose between; so wait for the demotion first.
     */
    void restore() {
        if (request.scenario() == Drills.Scenario.STOP_PRIMARY || request.scenario() == Drills.Scenario.PARTITION_PRIMARY) {
            NodeRef stopped = primary.node();
            Waits.until(stopped.name() + " to be demoted to replica", Deadline.in(TIMEOUT), () -> {
                try {
                    String role = admin.node(stopped.host(), stopped.port()).info("replication").role();
                    return role.equals("slave") ? Waits.Check.ok() : Waits.Check.notYet("role " + role);
                } catch (RuntimeException e) {
                    // Sentinel closes every client of a node it demotes, ours included: connect again.
                    admin.forget(stopped.host(), stopped.port());
                    return Waits.Check.notYet(String.valueOf(e.getMessage()));
                }
            });
        }
        Up.up(Up.Request.again(request.projectDir(), Up.DEFAULT_TIMEOUT, request.spinelVersion(), step -> { }));
    }

    /** The faulted data node's role now, and whether the resync it (or, as a primary, its replicas) did was full. */
    String returnOf(Outcome outcome) {
        NodeRef node = victim().node();
        InfoReply info = admin.node(node.host(), node.port()).info("replication");
        boolean fullResync = fullSyncs(outcome.primaryAddress()) > outcome.fullSyncsBefore();
        String resync = fullResync ? "full resync" : "partial resync";
        if (info.role().equals("slave")) {
            return "returned as replica of " + before.nameOf(outcome.primaryAddress()) + " (" + resync + ")";
        }
        return "returned as primary (its replicas: " + resync + ")";
    }

    /** The address of the node that serves the shard's data, once the topology names one that {@code acceptable} allows. */
    private String awaitPrimary(Predicate<String> acceptable) {
        String old = primary.node().address();
        String[] found = new String[1];
        Waits.until("a primary for " + primary.node().name() + "'s data", Deadline.in(TIMEOUT), () -> {
            if (target.expected().mode() == Mode.SENTINEL) {
                for (NodeRef each : sentinels(target)) {
                    Optional<String> named = ask(each, () -> admin.node(each.host(), each.port())
                            .sentinelPrimaryAddress(target.expected().masterName()));
                    if (named.isPresent() && acceptable.test(named.get())) {
                        found[0] = named.get();
                        return Waits.Check.ok();
                    }
                }
                return Waits.Check.notYet("the Sentinels still name " + old);
            }
            int slot = primary.clusterSelf().orElseThrow().slots().getFirst().first();
            for (NodeRef node : target.nodes()) {
                if (node.address().equals(old) && !acceptable.test(old)) {
                    continue;
                }
                Optional<List<ClusterNode>> seen = ask(node, () -> Optional.of(admin.node(node.host(), node.port())
                        .clusterNodes()));
                Optional<ClusterNode> serving = seen.orElse(List.of()).stream()
                        .filter(n -> n.isPrimary() && !n.isFailing() && n.slots().stream()
                                .anyMatch(r -> r.first() <= slot && slot <= r.last()))
                        .findFirst();
                if (serving.isPresent() && acceptable.test(serving.get().address())) {
                    found[0] = serving.get().address();
                    return Waits.Check.ok();
                }
                if (seen.isPresent()) {
                    return Waits.Check.notYet(old + " still serves slot " + slot);
                }
            }
            return Waits.Check.notYet("no node answers");
        });
        return found[0];
    }

    /** Until the topology marks the killed replica down: Sentinel's s_down, or the cluster's fail flag. */
    private void awaitMarkedDown(NodeRef killed) {
        Waits.until("the topology to mark " + killed.name() + " down", Deadline.in(TIMEOUT), () -> {
            if (target.expected().mode() == Mode.SENTINEL) {
                for (NodeRef each : sentinels(target)) {
                    Optional<List<SentinelView.Peer>> replicas = ask(each, () -> Optional.of(admin.node(each.host(),
                            each.port()).sentinelReplicas(target.expected().masterName())));
                    if (replicas.orElse(List.of()).stream()
                            .anyMatch(r -> r.address().equals(killed.address()) && r.flags().contains("s_down"))) {
                        return Waits.Check.ok();
                    }
                }
                return Waits.Check.notYet("no Sentinel flags " + killed.address() + " s_down");
            }
            NodeRef asked = primary.node();
            boolean failed = admin.node(asked.host(), asked.port()).clusterNodes().stream()
                    .anyMatch(n -> n.address().equals(killed.address()) && n.flags().contains("fail"));
            return failed ? Waits.Check.ok() : Waits.Check.notYet(asked.name() + " does not flag " + killed.name() + " fail");
        });
    }

    private long fullSyncs(String address) {
        String[] hostPort = address.split(":");
        return admin.node(hostPort[0], Integer.parseInt(hostPort[1])).info("stats").number("sync_full");
    }

    /** One node's answer, or empty when it does not answer (it may be the one the drill killed). */
    private <T> Optional<T> ask(NodeRef node, java.util.function.Supplier<Optional<T>> question) {
        try {
            return question.get();
        } catch (RuntimeException e) {
            admin.forget(node.host(), node.port());
            return Optional.empty();
        }
    }

    private static List<NodeRef> sentinels(WatchTarget target) {
        return target.nodes().stream().filter(n -> n.kind() == NodeRef.Kind.SENTINEL).toList();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpinelException(SpinelException.Kind.FAILED, "interrupted during the drill", e);
        }
    }
}

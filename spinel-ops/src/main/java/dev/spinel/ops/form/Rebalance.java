package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.project.WriterLock;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SlotMoves;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecDraft;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code spinel rebalance}: evens out the slots of a running cluster over its primaries (by count,
 * or by weight), moving as few as it can, online. A slot an interrupted run left half moved is
 * finished first. The plan comes from {@link SlotMoves}; {@link SlotMigrator} moves each slot.
 */
public final class Rebalance {
    private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param weights       by node name ({@code redis-7000}) or address; a primary not named weighs 1
     * @param keysPerBatch  keys per MIGRATE
     */
    public record Options(Map<String, Double> weights, double thresholdPercent, int keysPerBatch, boolean dryRun) {
        public Options {
            weights = Map.copyOf(weights);
        }

        public static Options defaults() {
            return new Options(Map.of(), SlotMoves.DEFAULT_THRESHOLD_PERCENT, SlotMigrator.DEFAULT_KEYS_PER_BATCH,
                    false);
        }
    }

    /** How far the moves are, for a progress bar. */
    public record Progress(int slotsDone, int slotsTotal, long keysMoved) {
    }

    /**
     * What was done (or, in a dry run, would be).
     *
     * @param finished  slots an interrupted run had left half moved, now finished
     * @param names     primaries' names by node id, to print the moves
     */
    public record Result(SlotMoves.Plan plan, Map<String, String> names, List<ClusterView.Pending> finished,
                         long keysMoved, Duration elapsed, boolean dryRun) {
        public Result {
            names = Map.copyOf(names);
            finished = List.copyOf(finished);
        }

        /** {@code 1365 slots redis-7000 -> redis-7006 (4096-5460)}, one line per move. */
        public List<String> moveLines() {
            return plan.moves().stream().map(move -> "%d slots %s -> %s (%s)".formatted(move.slots().size(),
                    names.get(move.fromId()), names.get(move.toId()), move.slots())).toList();
        }
    }

    private Rebalance() {
    }

    public static Result run(Path dir, Options options, Consumer<Progress> progress, Consumer<String> log) {
        ProjectDir project = ProjectDir.open(dir);
        Spec spec = SpecLoader.load(dir, Optional.empty(), SpecDraft.empty()).resolved().spec();
        if (spec.mode() != Mode.CLUSTER) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "rebalance moves the slots of a cluster;"
                    + " this topology is mode " + spec.mode().id());
        }
        try (WriterLock lock = WriterLock.acquire(project, options.dryRun() ? "rebalance --dry-run" : "rebalance");
             AdminSession admin = new AdminSession(new Secrets(project).password())) {
            List<PlannedNode> data = LayoutPlanner.layout(spec).stream().filter(PlannedNode::isData).toList();
            return apply(data, admin, view -> weightsById(view, options.weights()), options, progress, log);
        }
    }

    /**
     * The rebalance itself, for a caller that holds the writer lock ({@code scale}).
     *
     * @param data    the cluster's data nodes, every one of which must answer
     * @param weights each primary's weight by node id, from the cluster as it is once pending moves are done
     */
    static Result apply(List<PlannedNode> data, AdminSession admin, Function<ClusterView, Map<String, Double>> weights,
                        Options options, Consumer<Progress> progress, Consumer<String> log) {
        long start = System.nanoTime();
        ClusterView view = ClusterView.read(admin, data);
        List<ClusterView.Pending> pending = view.pending();
        long keysMoved = 0;
        try (SlotMigrator migrator = new SlotMigrator(admin, options.keysPerBatch())) {
            for (ClusterView.Pending slot : pending) {
                log.accept((options.dryRun() ? "would finish" : "finishing") + " slot " + slot.slot()
                        + ", left half moved from " + view.nameOf(slot.sourceId()) + " to "
                        + view.nameOf(slot.targetId()) + " by an interrupted run");
                if (!options.dryRun()) {
                    keysMoved += migrator.move(List.of(slot.slot()), view.byId(slot.sourceId()),
                            view.byId(slot.targetId()), view.primaries(), keys -> { });
                }
            }
            if (!pending.isEmpty() && !options.dryRun()) {
                view = awaitAgreement(admin, data);
            }
            SlotMoves.Plan plan;
            try {
                plan = SlotMoves.plan(view.slotsByPrimary(), weights.apply(view), options.thresholdPercent());
            } catch (IllegalArgumentException e) {
                throw new SpinelException(SpinelException.Kind.BAD_INPUT, e.getMessage(), e);
            }
            Map<String, String> names = view.primaryNames();
            if (!options.dryRun()) {
                refuseTargetsWithData(admin, view, plan);
                keysMoved += move(view, plan, migrator, progress);
                if (!plan.moves().isEmpty()) {
                    awaitAgreement(admin, data);
                }
            }
            return new Result(plan, names, pending, keysMoved, Duration.ofNanos(System.nanoTime() - start),
                    options.dryRun());
        }
    }

    private static long move(ClusterView view, SlotMoves.Plan plan, SlotMigrator migrator,
                             Consumer<Progress> progress) {
        int total = plan.slotsMoved();
        int done = 0;
        long[] keys = {0};
        List<ClusterNode> primaries = view.primaries();
        for (SlotMoves.Move move : plan.moves()) {
            ClusterNode from = view.byId(move.fromId());
            ClusterNode to = view.byId(move.toId());
            for (int first = move.slots().first(); first <= move.slots().last(); first += SlotMigrator.SLOTS_PER_GROUP) {
                List<Integer> group = IntStream.rangeClosed(first,
                        Math.min(move.slots().last(), first + SlotMigrator.SLOTS_PER_GROUP - 1)).boxed().toList();
                int slotsDone = done;
                migrator.move(group, from, to, primaries, batch -> {
                    keys[0] += batch;
                    progress.accept(new Progress(slotsDone, total, keys[0]));
                });
                done += group.size();
                progress.accept(new Progress(done, total, keys[0]));
            }
        }
        return keys[0];
    }

    /**
     * A primary that is to get its first slots must hold no key: keys in slots it does not serve
     * are invisible to clients, and MIGRATE would stop at the first name they share.
     */
    private static void refuseTargetsWithData(AdminSession admin, ClusterView view, SlotMoves.Plan plan) {
        for (ClusterNode primary : view.primaries()) {
            boolean gains = plan.moves().stream().anyMatch(move -> move.toId().equals(primary.id()));
            if (gains && primary.slots().isEmpty()) {
                long keys = admin.node(primary.host(), primary.port()).dbsize();
                if (keys > 0) {
                    throw new SpinelException(SpinelException.Kind.BLOCKED, view.nameOf(primary.id()) + " at "
                            + primary.address() + " holds " + keys + " keys but serves no slot: empty it"
                            + " (FLUSHALL) or take it out of the cluster before it is given slots");
                }
            }
        }
    }

    /** Waits until every node sees the same owner for every slot, and returns that view. */
    static ClusterView awaitAgreement(AdminSession admin, List<PlannedNode> data) {
        ClusterView[] agreed = new ClusterView[1];
        Waits.until("every node to agree on the slots' owners", Deadline.in(AGREEMENT_TIMEOUT), () -> {
            String first = null;
            for (PlannedNode node : data) {
                List<ClusterNode> seen = admin.node(node.host(), node.port()).clusterNodes();
                String owners = seen.stream().filter(ClusterNode::isPrimary)
                        .map(n -> n.id() + "=" + n.slots()).sorted().collect(Collectors.joining(" "));
                if (first == null) {
                    first = owners;
                } else if (!first.equals(owners)) {
                    return Waits.Check.notYet(node.name() + " sees other owners than " + data.getFirst().name());
                }
            }
            agreed[0] = ClusterView.read(admin, data);
            return Waits.Check.ok();
        }, Optional::empty);
        return agreed[0];
    }

    /** The operator's weights, named by node name or address, by node id; only primaries take weights. */
    private static Map<String, Double> weightsById(ClusterView view, Map<String, Double> byName) {
        Map<String, Double> byId = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (var entry : byName.entrySet()) {
            Optional<ClusterNode> primary = view.primaries().stream()
                    .filter(p -> view.nameOf(p.id()).equals(entry.getKey()) || p.address().equals(entry.getKey()))
                    .findFirst();
            primary.ifPresentOrElse(p -> byId.put(p.id(), entry.getValue()), () -> unknown.add(entry.getKey()));
        }
        if (!unknown.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--weight names " + String.join(", ", unknown)
                    + ", which is not a primary of this cluster; primaries now: " + view.primaries().stream()
                    .map(p -> view.nameOf(p.id())).collect(Collectors.joining(", ")));
        }
        return byId;
    }
}

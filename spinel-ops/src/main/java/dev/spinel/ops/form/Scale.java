package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.project.AtomicFiles;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.project.WriterLock;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SlotMoves;
import dev.spinel.ops.topology.SlotRange;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.topology.SpecException;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.SpecSource;
import dev.spinel.ops.topology.YamlSpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code spinel scale --shards N | --replicas R}: grows or shrinks a running cluster online.
 * Growing writes the spec, lets {@code up} start and join the new shards (their primaries join
 * without slots), then rebalances. Shrinking drains the last shards by a rebalance that gives
 * their primaries weight 0, then makes the cluster forget their nodes, stops them and writes the
 * spec. Replicas are added and removed by {@link ScaleReplicas}. Run again after an interruption,
 * it picks up where the last run stopped.
 */
public final class Scale {

    /**
     * @param shards and {@code replicas}: the count wanted, empty to keep it; one of them changes per
     *               run ({@link #steps} splits a request that changes both)
     */
    public record Request(Path dir, Optional<Integer> shards, Optional<Integer> replicas, Rebalance.Options options,
                          Duration timeout, String spinelVersion, Consumer<String> log) {
        Request only(Optional<Integer> wantedShards, Optional<Integer> wantedReplicas) {
            return new Request(dir, wantedShards, wantedReplicas, options, timeout, spinelVersion, log);
        }
    }

    /** What changed: node names added or retired, and the slot moves (empty when only replicas changed). */
    public record Result(String what, int from, int to, List<String> added, List<String> retired,
                         Optional<Rebalance.Result> rebalance, List<String> warnings) {
        public Result {
            added = List.copyOf(added);
            retired = List.copyOf(retired);
            warnings = List.copyOf(warnings);
        }

        static Result ofShards(int from, int to, List<String> added, List<String> retired, Rebalance.Result moved,
                               List<String> warnings) {
            return new Result("shards", from, to, added, retired, Optional.of(moved), warnings);
        }
    }

    private Scale() {
    }

    /**
     * The runs a request takes, each changing one count. Shards added by an earlier scale take
     * ports that follow the replica count, so a replica change first drains them (back to the
     * shards the cluster was formed with), then changes the replicas, then adds the shards wanted;
     * a cluster with only its formed shards changes the replicas first, so new shards start with
     * the new count.
     */
    public static List<Request> steps(Request request) {
        ProjectDir.open(request.dir());
        return steps(request, SpecLoader.load(request.dir(), Optional.empty(), SpecDraft.empty()).resolved().spec());
    }

    static List<Request> steps(Request request, Spec current) {
        boolean replicasChange = request.replicas().filter(n -> n != current.replicas()).isPresent();
        if (current.mode() != Mode.CLUSTER || !replicasChange) {
            return List.of(request);
        }
        int wantedShards = request.shards().orElse(current.shards());
        int shards = current.shards();
        List<Request> steps = new ArrayList<>();
        if (shards > current.formedShards()) {
            shards = current.formedShards();
            steps.add(request.only(Optional.of(shards), Optional.empty()));
        }
        steps.add(request.only(Optional.empty(), request.replicas()));
        if (wantedShards != shards) {
            steps.add(request.only(Optional.of(wantedShards), Optional.empty()));
        }
        return List.copyOf(steps);
    }

    public static Result run(Request request, Consumer<Rebalance.Progress> progress) {
        ProjectDir project = ProjectDir.open(request.dir());
        Spec current = SpecLoader.load(request.dir(), Optional.empty(), SpecDraft.empty()).resolved().spec();
        if (current.mode() != Mode.CLUSTER) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "scale adds or removes the shards of a cluster;"
                    + " this topology is mode " + current.mode().id());
        }
        Spec wanted = withShape(current, request.shards().orElse(current.shards()),
                request.replicas().orElse(current.replicas()));
        if (wanted.shards() != current.shards() && wanted.replicas() != current.replicas()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "scale changes the shards or the replicas, one"
                    + " per run (spinel scale with both flags runs them as steps, in the order the ports allow)");
        }
        try (WriterLock lock = WriterLock.acquire(project, "scale");
             AdminSession admin = new AdminSession(new Secrets(project).password())) {
            if (wanted.replicas() != current.replicas()) {
                return ScaleReplicas.apply(project, lock, admin, current, wanted, request);
            }
            if (wanted.shards() > current.shards()) {
                return grow(project, lock, admin, current, wanted, request, progress);
            }
            if (wanted.shards() < current.shards()) {
                return shrink(project, lock, admin, current, wanted, request, progress);
            }
            // The same count: finish what an interrupted scale left (slots half moved, or not yet even).
            return Result.ofShards(current.shards(), wanted.shards(), List.of(), List.of(),
                    Rebalance.apply(dataNodes(current), admin, view -> Map.of(), request.options(), progress,
                            request.log()), List.of());
        }
    }

    private static Spec withShape(Spec current, int shards, int replicas) {
        SpecDraft stated = SpecDraft.of(current);
        SpecDraft draft = new SpecDraft(stated.version(), stated.mode(), null, shards, replicas,
                stated.portBase(), stated.hosts(), stated.profile(), stated.settings(), stated.sentinel(),
                stated.backup(), stated.durability(), stated.network(), current.formedShards(), stated.audit());
        try {
            return SpecResolver.resolve(draft, SpecSource.flags()).spec();
        } catch (SpecException e) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, String.join("\n", e.problems()), e);
        }
    }

    private static Result grow(ProjectDir project, WriterLock lock, AdminSession admin, Spec current, Spec wanted,
                               Request request, Consumer<Rebalance.Progress> progress) {
        List<PlannedNode> added = dataNodes(wanted).stream()
                .filter(node -> dataNodes(current).stream().noneMatch(old -> old.name().equals(node.name()))).toList();
        List<String> addedNames = added.stream().map(PlannedNode::name).toList();
        if (request.options().dryRun()) {
            return Result.ofShards(current.shards(), wanted.shards(), addedNames, List.of(),
                    preview(admin, current, added), List.of());
        }
        startAdded(project, lock, admin, current, wanted, added, request);
        Rebalance.Result moved = Rebalance.apply(dataNodes(wanted), admin, view -> Map.of(), request.options(), progress,
                request.log());
        return Result.ofShards(current.shards(), wanted.shards(), addedNames, List.of(), moved, List.of());
    }

    /**
     * Writes the wanted spec and lets {@code up} start the nodes it adds; if up fails, the nodes
     * it started are stopped (by up) and forgotten by the cluster, and the spec is put back.
     */
    static void startAdded(ProjectDir project, WriterLock lock, AdminSession admin, Spec current, Spec wanted,
                           List<PlannedNode> added, Request request) {
        String before = readSpec(project);
        writeSpec(project, wanted);
        try {
            Up.upHolding(lock, Up.Request.again(project.root(), request.timeout(), request.spinelVersion(),
                    request.log()));
        } catch (RuntimeException e) {
            forgetQuietly(admin, dataNodes(current), added, e);
            restoreSpec(project, before, e);
            throw e;
        }
    }

    /** A dry run of growing: the moves as if the new primaries had joined, named by their planned names. */
    private static Rebalance.Result preview(AdminSession admin, Spec current, List<PlannedNode> added) {
        ClusterView view = ClusterView.read(admin, dataNodes(current));
        Map<String, List<SlotRange>> owned = new LinkedHashMap<>(view.slotsByPrimary());
        Map<String, String> names = new LinkedHashMap<>(view.primaryNames());
        added.stream().filter(node -> node.primary().isEmpty()).forEach(node -> {
            owned.put(node.name(), List.of());
            names.put(node.name(), node.name() + " (new)");
        });
        SlotMoves.Plan plan = SlotMoves.plan(owned, Map.of(), SlotMoves.DEFAULT_THRESHOLD_PERCENT);
        return new Rebalance.Result(plan, names, List.of(), 0, Duration.ZERO, true);
    }

    /**
     * Drains the last shards, retires their nodes, then writes the spec. A run interrupted after
     * some of them were retired (their folders gone) goes on with the rest.
     */
    private static Result shrink(ProjectDir project, WriterLock lock, AdminSession admin, Spec current, Spec wanted,
                                 Request request, Consumer<Rebalance.Progress> progress) {
        List<PlannedNode> present = dataNodes(current).stream()
                .filter(node -> Files.isDirectory(project.nodeDir(node.name()))).toList();
        List<PlannedNode> removed = present.stream().filter(node -> node.shard() >= wanted.shards()).toList();
        Set<String> removedNames = removed.stream().map(PlannedNode::name).collect(Collectors.toSet());
        Rebalance.Result moved = Rebalance.apply(present, admin, view -> view.primaries().stream()
                        .filter(primary -> removedNames.contains(view.nameOf(primary.id())))
                        .collect(Collectors.toMap(ClusterNode::id, primary -> 0.0)),
                request.options(), progress, request.log());
        List<String> retired = removed.stream().map(PlannedNode::name).toList();
        if (request.options().dryRun()) {
            return Result.ofShards(current.shards(), wanted.shards(), List.of(), retired, moved, List.of());
        }
        List<String> warnings = Retirement.retire(project, admin, current.network(), present, dataNodes(wanted),
                removed, Deadline.in(request.timeout()), request.log());
        writeSpec(project, wanted);
        Up.upHolding(lock, Up.Request.again(project.root(), request.timeout(), request.spinelVersion(),
                request.log()));
        return Result.ofShards(current.shards(), wanted.shards(), List.of(), retired, moved, warnings);
    }

    /** After a failed grow: the old nodes forget the new ones that met them before up rolled back. */
    private static void forgetQuietly(AdminSession admin, List<PlannedNode> old, List<PlannedNode> added,
                                      RuntimeException failure) {
        Set<String> addresses = added.stream().map(PlannedNode::address).collect(Collectors.toSet());
        for (PlannedNode node : old) {
            try {
                NodeAdmin live = admin.node(node.host(), node.port());
                for (ClusterNode known : live.clusterNodes()) {
                    if (addresses.contains(known.address())) {
                        Retirement.forget(live, known.id());
                    }
                }
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    static List<PlannedNode> dataNodes(Spec spec) {
        return LayoutPlanner.layout(spec).stream().filter(PlannedNode::isData).toList();
    }

    private static String readSpec(ProjectDir project) {
        try {
            return Files.readString(project.specFile());
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot read " + project.specFile() + ": "
                    + e.getMessage(), e);
        }
    }

    static void writeSpec(ProjectDir project, Spec spec) {
        try {
            AtomicFiles.write(project.specFile(), YamlSpecWriter.render(SpecDraft.of(spec)));
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot write " + project.specFile() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void restoreSpec(ProjectDir project, String text, RuntimeException failure) {
        try {
            AtomicFiles.write(project.specFile(), text);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

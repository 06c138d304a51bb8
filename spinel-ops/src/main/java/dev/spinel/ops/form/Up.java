package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.process.BinaryResolver;
import dev.spinel.ops.process.HostProbe;
import dev.spinel.ops.process.NetworkNamespaces;
import dev.spinel.ops.process.NodeLauncher;
import dev.spinel.ops.process.RedisBinary;
import dev.spinel.ops.project.AtomicFiles;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.project.Trees;
import dev.spinel.ops.project.WriterLock;
import dev.spinel.ops.topology.Action;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.Network;
import dev.spinel.ops.topology.ObservedState;
import dev.spinel.ops.topology.Plan;
import dev.spinel.ops.topology.PlanInputs;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.Planner;
import dev.spinel.ops.topology.SlotRange;
import dev.spinel.ops.topology.SpecDraft;
import dev.spinel.ops.topology.YamlSpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code spinel plan} and {@code spinel up}: load the spec, observe, plan, and (for up) apply the
 * plan and wait until the topology is ready. A failed up stops every process it started and
 * removes what it created; data that existed before is never touched.
 */
public final class Up {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** What the command was asked to do. */
    public record Request(Path dir, Optional<Path> specFile, SpecDraft flags, Optional<String> redisServer,
                          Duration timeout, String spinelVersion, Consumer<String> progress,
                          Map<String, List<SlotRange>> formingSlots) {

        public Request {
            formingSlots = Map.copyOf(formingSlots);
        }

        public Request(Path dir, Optional<Path> specFile, SpecDraft flags, Optional<String> redisServer,
                       Duration timeout, String spinelVersion, Consumer<String> progress) {
            this(dir, specFile, flags, redisServer, timeout, spinelVersion, progress, Map.of());
        }

        /** The same up, forming a new cluster's primaries with these slots (by name) instead of the planned ones. */
        public Request formingWith(Map<String, List<SlotRange>> slots) {
            return new Request(dir, specFile, flags, redisServer, timeout, spinelVersion, progress, slots);
        }

        /** {@code up} with the stored spec and no flags, as after a restore or a drill. */
        public static Request again(Path dir, Duration timeout, String spinelVersion, Consumer<String> progress) {
            return new Request(dir, Optional.empty(), SpecDraft.empty(), Optional.empty(), timeout, spinelVersion,
                    progress);
        }
    }

    /** What up did: the plan it ran (empty when the topology was already converged). */
    public record Result(Plan plan, RedisBinary binary, ProjectDir project, Duration elapsed) {
    }

    private Up() {
    }

    /** The plan {@code up} would run now, touching nothing. */
    public static Plan plan(Request request) {
        SpecLoader.Loaded loaded = SpecLoader.load(request.dir(), request.specFile(), request.flags());
        Path root = request.dir().toAbsolutePath().normalize();
        if (!ProjectDir.exists(root)) {
            return Planner.plan(new PlanInputs(loaded.resolved(), ObservedState.nothing(), HostProbe.facts(),
                    ProjectDir.pathsUnder(root), "new-project"));
        }
        ProjectDir project = ProjectDir.open(root);
        try (AdminSession admin = new AdminSession(new Secrets(project).password())) {
            return planFor(project, loaded, admin, request.formingSlots());
        }
    }

    public static Result up(Request request) {
        return up(request, Optional.empty());
    }

    /** {@code up} as a step of another command that holds the project's writer lock already (restore). */
    public static Result upHolding(WriterLock held, Request request) {
        return up(request, Optional.of(held));
    }

    private static Result up(Request request, Optional<WriterLock> held) {
        long start = System.nanoTime();
        Deadline deadline = Deadline.in(request.timeout());
        Path root = request.dir().toAbsolutePath().normalize();
        // Lettuce starts while the spec is read and checked; the password is read once it is needed.
        try (AdminSession admin = new AdminSession(() -> new Secrets(ProjectDir.open(root)).password())) {
            return up(request, root, admin, deadline, start, held);
        }
    }

    private static Result up(Request request, Path root, AdminSession admin, Deadline deadline, long start,
                             Optional<WriterLock> held) {
        request.progress().accept("up begins");
        SpecLoader.Loaded loaded = SpecLoader.load(request.dir(), request.specFile(), request.flags());
        request.progress().accept("spec read");
        if (loaded.resolved().spec().network() == Network.NAMESPACES) {
            Optional<String> unavailable = NetworkNamespaces.unavailable();
            if (unavailable.isPresent()) {
                throw new SpinelException(SpinelException.Kind.BAD_INPUT, unavailable.get());
            }
        }
        RedisBinary binary = BinaryResolver.fromEnvironment(request.redisServer()).resolve();
        request.progress().accept("using " + binary.path() + " (Redis " + binary.version() + ")");
        boolean created = !ProjectDir.exists(root) && !Files.exists(root);
        ProjectDir project = ProjectDir.openOrCreate(root, request.spinelVersion());
        Executor executor = null;
        Plan plan = null;
        List<Path> newNodeDirs = List.of();
        try (WriterLock lock = held.map(WriterLock::nested).orElseGet(() -> WriterLock.acquire(project, "up"))) {
            String password = new Secrets(project).password();
            if (!Files.isRegularFile(project.specFile())) {
                AtomicFiles.write(project.specFile(), YamlSpecWriter.render(loaded.draft()));
            }
            plan = planFor(project, loaded, admin, request.formingSlots());
            request.progress().accept("planned " + plan.actions().size() + " steps");
            if (plan.isBlocked()) {
                throw new SpinelException(SpinelException.Kind.BLOCKED, String.join("\n", plan.blocked()));
            }
            Executor.checkPorts(plan);
            newNodeDirs = plan.actions().stream()
                    .filter(a -> a instanceof Action.WriteConfig)
                    .map(a -> project.nodeDir(((Action.WriteConfig) a).node().name()))
                    .filter(dir -> !Files.exists(dir))
                    .toList();
            executor = new Executor(project, admin, new NodeLauncher(binary), password, deadline, request.progress());
            executor.execute(plan);
            long readyStart = System.nanoTime();
            new Readiness(admin).await(plan, deadline, request.progress());
            request.progress().accept("ready after " + (System.nanoTime() - readyStart) / 1_000_000 + " ms more");
            return new Result(plan, binary, project, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            SpinelException failure = new SpinelException(SpinelException.Kind.FAILED,
                    "cannot write " + project.specFile() + ": " + e.getMessage(), e);
            rollBack(project, plan, executor, created ? List.of(project.root()) : newNodeDirs, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            rollBack(project, plan, executor, created ? List.of(project.root()) : newNodeDirs, e);
            throw e;
        }
    }

    private static Plan planFor(ProjectDir project, SpecLoader.Loaded loaded, AdminSession admin,
                                Map<String, List<SlotRange>> formingSlots) {
        var nodes = LayoutPlanner.layout(loaded.resolved().spec());
        ObservedState observed = new Observer(project, admin).observe(loaded.resolved().spec(), nodes);
        return Planner.plan(new PlanInputs(loaded.resolved(), observed, HostProbe.facts(), project::paths, project.id(),
                formingSlots));
    }

    /** Stops what this run started and removes the folders it created: never a folder that held data before. */
    private static void rollBack(ProjectDir project, Plan plan, Executor executor, List<Path> createdDirs,
                                 Throwable failure) {
        if (executor != null) {
            for (String name : executor.started().keySet().stream().toList().reversed()) {
                try {
                    Down.stopNode(project, plan.node(name), null);
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
        }
        for (Path dir : createdDirs) {
            try {
                Trees.delete(dir);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        // The namespaces of nodes whose folders are gone again: nothing of a failed first up stays behind.
        if (plan != null && plan.spec().network() == Network.NAMESPACES) {
            List<String> hosts = plan.nodes().stream()
                    .filter(node -> !Files.exists(project.nodeDir(node.name())))
                    .map(PlannedNode::host).toList();
            try {
                NetworkNamespaces.remove(hosts);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}

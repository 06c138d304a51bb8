package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.ErrorReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.admin.RoleReply;
import dev.spinel.ops.admin.ServerError;
import dev.spinel.ops.process.LogTail;
import dev.spinel.ops.process.NetworkNamespaces;
import dev.spinel.ops.process.NodeLauncher;
import dev.spinel.ops.process.PortCheck;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.project.AtomicFiles;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.topology.Action;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.Network;
import dev.spinel.ops.topology.NodeKind;
import dev.spinel.ops.topology.NodePaths;
import dev.spinel.ops.topology.Plan;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.RenderedConfig;
import dev.spinel.ops.topology.SlotRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies a plan, one action at a time, each checked against the live node before the next.
 * Consecutive starts are launched together and then awaited together, since a node's start is
 * mostly waiting. Processes this run started are reported through {@link #started()}, so a
 * failed run can stop exactly those.
 */
public final class Executor {
    private static final int LOG_LINES = 15;

    private final ProjectDir project;
    private final AdminSession admin;
    private final NodeLauncher launcher;
    private final String password;
    private final Deadline deadline;
    private final Consumer<String> progress;
    private final Map<String, ProcessRecord> started = new LinkedHashMap<>();

    /** @param progress told each step as it completes, with its duration (for --verbose) */
    public Executor(ProjectDir project, AdminSession admin, NodeLauncher launcher, String password, Deadline deadline,
                    Consumer<String> progress) {
        this.project = project;
        this.admin = admin;
        this.launcher = launcher;
        this.password = password;
        this.deadline = deadline;
        this.progress = progress;
    }

    /** Nodes this executor started, by name, in start order. */
    public Map<String, ProcessRecord> started() {
        return Map.copyOf(started);
    }

    /** Refuses, before anything starts, a plan that would start a node on a port already taken. */
    public static void checkPorts(Plan plan) {
        if (plan.spec().network() == Network.NAMESPACES) {
            return; // each node has the ports of a namespace of its own
        }
        List<String> taken = new ArrayList<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.StartNode(PlannedNode node)) {
                checkPort(node.host(), node.port(), node.name(), taken);
                if (plan.spec().mode() == Mode.CLUSTER && node.isData()) {
                    checkPort(node.host(), node.port() + 10_000, node.name() + " (cluster bus)", taken);
                }
            }
        }
        if (!taken.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, String.join("\n", taken)
                    + "\nStop what holds " + (taken.size() == 1 ? "it" : "them") + ", or choose other ports with --port-base");
        }
    }

    private static void checkPort(String host, int port, String node, List<String> taken) {
        if (!PortCheck.isFree(host, port)) {
            taken.add("port " + port + " on " + host + " for " + node + " is in use"
                    + PortCheck.owner(port).map(owner -> " by " + owner).orElse(""));
        }
    }

    public void execute(Plan plan) {
        List<Action> actions = plan.actions();
        for (int i = 0; i < actions.size(); i++) {
            long start = System.nanoTime();
            if (actions.get(i) instanceof Action.StartNode) {
                List<PlannedNode> batch = new ArrayList<>();
                while (i < actions.size() && actions.get(i) instanceof Action.StartNode(PlannedNode node)) {
                    batch.add(node);
                    i++;
                }
                i--;
                startAll(plan, batch);
                progress.accept("started " + batch.stream().map(PlannedNode::name).toList() + " in " + millis(start));
            } else {
                apply(plan, actions.get(i));
                progress.accept(actions.get(i).describe() + " in " + millis(start));
            }
        }
    }

    private void apply(Plan plan, Action action) {
        switch (action) {
            case Action.WriteConfig(PlannedNode node) -> writeConfig(plan, node);
            case Action.StartNode(PlannedNode node) -> startAll(plan, List.of(node));
            case Action.ReplicaOf(PlannedNode node, PlannedNode primary) -> replicaOf(node, primary);
            case Action.SetConfigEpoch(PlannedNode node, long epoch) ->
                    admin.node(node.host(), node.port()).clusterSetConfigEpoch(epoch);
            case Action.AddSlots(PlannedNode node, var slots) -> {
                NodeAdmin primary = admin.node(node.host(), node.port());
                // A node started on restored data claims the slots it holds keys for by itself.
                List<SlotRange> missing = SlotRange.minus(slots, myself(primary).slots());
                if (!missing.isEmpty()) {
                    primary.clusterAddSlots(missing);
                }
                int owned = myself(primary).slotCount();
                int expected = slots.stream().mapToInt(SlotRange::size).sum();
                if (owned < expected) {
                    throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " serves " + owned
                            + " slots after ADDSLOTSRANGE, expected at least " + expected);
                }
            }
            case Action.Meet(PlannedNode node, List<PlannedNode> others) -> {
                NodeAdmin from = admin.node(node.host(), node.port());
                others.forEach(other -> from.clusterMeet(other.host(), other.port()));
            }
            case Action.Replicate(PlannedNode node, PlannedNode primary) -> replicate(node, primary);
            case Action.SetClusterNodeTimeout(List<PlannedNode> nodes, int millis) -> nodes.forEach(node ->
                    admin.node(node.host(), node.port()).configSet("cluster-node-timeout", Integer.toString(millis)));
            case Action.SetMinReplicas(List<PlannedNode> nodes, int replicas, int lag) -> nodes.forEach(node -> {
                NodeAdmin live = admin.node(node.host(), node.port());
                live.configSet("min-replicas-max-lag", Integer.toString(lag));
                live.configSet("min-replicas-to-write", Integer.toString(replicas));
                live.configRewrite();
            });
            case Action.AwaitReady() -> new Readiness(admin).await(plan, deadline, progress);
        }
    }

    private static String millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000 + " ms";
    }

    private void writeConfig(Plan plan, PlannedNode node) {
        RenderedConfig config = plan.configs().stream().filter(c -> c.node().equals(node.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("plan has no config for " + node.name()));
        Path file = Path.of(config.path());
        try {
            AtomicFiles.write(file, config.withPassword(password), AtomicFiles.OWNER_ONLY);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void startAll(Plan plan, List<PlannedNode> nodes) {
        boolean namespaced = plan.spec().network() == Network.NAMESPACES;
        for (PlannedNode node : nodes) {
            NodePaths paths = project.paths(node.name());
            if (namespaced) {
                NetworkNamespaces.ensure(node.host());
            }
            started.put(node.name(), launcher.start(node.name(), node.kind(), paths, project.processRecord(node.name()),
                    namespaced ? Optional.of(node.host()) : Optional.empty()));
        }
        for (PlannedNode node : nodes) {
            awaitServing(node, started.get(node.name()));
        }
    }

    /** Alive, answering PING with the password, and done loading its data. */
    private void awaitServing(PlannedNode node, ProcessRecord process) {
        Waits.until(node.name() + " on " + node.address() + " to answer", deadline, () -> {
            NodeAdmin live;
            try {
                live = admin.node(node.host(), node.port());
                live.ping();
            } catch (RuntimeException e) {
                admin.forget(node.host(), node.port());
                if (ServerError.of(e).isAuthentication()) {
                    throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " on " + node.address()
                            + " refuses the project's password (" + e.getMessage() + "): was "
                            + project.paths(node.name()).config() + " or secrets/password changed by hand?", e);
                }
                throw e;
            }
            if (node.kind() == NodeKind.SENTINEL) {
                return Waits.Check.ok();
            }
            return live.info("persistence").isLoading() ? Waits.Check.notYet("loading:1") : Waits.Check.ok();
        }, () -> process.live().isPresent() ? Optional.empty() : Optional.of(exitedMessage(node)));
    }

    private String exitedMessage(PlannedNode node) {
        NodePaths paths = project.paths(node.name());
        String log = LogTail.of(Path.of(paths.log()), LOG_LINES);
        String stdout = LogTail.of(Path.of(paths.dir(), "stdout.log"), LOG_LINES);
        return node.name() + " exited while starting. Last lines of " + paths.log() + ":\n"
                + (log.isBlank() ? "    (empty)" : log)
                + (stdout.isBlank() ? "" : "\nand of its stdout.log:\n" + stdout);
    }

    /**
     * REPLICAOF, checked with ROLE. A returning old primary is also demoted by the Sentinels, which
     * then close every client of it, this connection included: it is made again and the
     * (idempotent) command sent again, until the deadline.
     */
    private void replicaOf(PlannedNode node, PlannedNode primary) {
        Waits.until(node.name() + " to replicate " + primary.name(), deadline, () -> {
            try {
                NodeAdmin replica = admin.node(node.host(), node.port());
                replica.replicaOf(primary.host(), primary.port());
                RoleReply role = replica.role();
                if (!(role instanceof RoleReply.Replica r) || !r.primaryAddress().equals(primary.address())) {
                    throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " did not become a replica of "
                            + primary.name() + " after REPLICAOF: ROLE says " + role);
                }
                return Waits.Check.ok();
            } catch (ErrorReply e) {
                throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " refused REPLICAOF "
                        + primary.address() + ": " + e.getMessage(), e);
            } catch (AdminException e) {
                admin.forget(node.host(), node.port());
                return Waits.Check.notYet("connection closed: " + e.getMessage());
            }
        });
    }

    /** CLUSTER REPLICATE needs the replica to know the primary already, so wait for the handshake first. */
    private void replicate(PlannedNode node, PlannedNode primary) {
        String primaryId = admin.node(primary.host(), primary.port()).clusterMyId();
        NodeAdmin replica = admin.node(node.host(), node.port());
        Waits.until(node.name() + " to know " + primary.name() + " (" + primaryId + ")", deadline, () -> {
            Optional<ClusterNode> known = replica.clusterNodes().stream()
                    .filter(n -> n.id().equals(primaryId)).findFirst();
            if (known.isEmpty()) {
                return Waits.Check.notYet("not in its CLUSTER NODES");
            }
            return known.get().inHandshake() ? Waits.Check.notYet("in handshake") : Waits.Check.ok();
        });
        replica.clusterReplicate(primaryId);
    }

    private static ClusterNode myself(NodeAdmin node) {
        return node.clusterNodes().stream().filter(ClusterNode::isMyself).findFirst()
                .orElseThrow(() -> new IllegalStateException(node.address() + " lists no 'myself' in CLUSTER NODES"));
    }
}

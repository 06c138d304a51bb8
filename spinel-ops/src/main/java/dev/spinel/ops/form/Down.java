package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.process.NodeStopper;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.project.Trees;
import dev.spinel.ops.project.WriterLock;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.YamlSpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.spinel.ops.topology.Network;
import dev.spinel.ops.process.NetworkNamespaces;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code spinel down}: stops every process of the project by its recorded PID: the console first,
 * then Sentinels so they do not fail over a primary that is only being stopped. Data stays unless {@code --purge}.
 */
public final class Down {
    private Down() {
    }

    /** One line per node: its name and how it stopped. */
    public record Result(List<String> stopped, boolean purged) {
    }

    public static Result down(Path dir, boolean purge) {
        ProjectDir project = ProjectDir.open(dir);
        List<String> lines = new ArrayList<>();
        try (WriterLock lock = WriterLock.acquire(project, "down")) {
            ConsoleStopper.stop(project.root()).ifPresent(lines::add);
            lines.addAll(stopNodes(project));
            List<String> namespaced = namespacedHosts(project);
            if (!namespaced.isEmpty()) {
                NetworkNamespaces.remove(namespaced);
                lines.add("removed the network namespaces of " + namespaced.size() + " nodes");
            }
        }
        if (purge) {
            try {
                Trees.delete(project.root());
            } catch (IOException e) {
                throw new SpinelException(SpinelException.Kind.FAILED, "stopped every node, but could not delete "
                        + project.root() + ": " + e.getMessage(), e);
            }
        }
        return new Result(lines, purge);
    }

    /**
     * Stops every node of the project (not the console), Sentinels first, each by its recorded PID.
     * The caller holds the writer lock. One line per node: its name and how it stopped.
     */
    public static List<String> stopNodes(ProjectDir project) {
        try (AdminSession admin = new AdminSession(new Secrets(project).password())) {
            return stopNodes(project, admin);
        }
    }

    /** As {@link #stopNodes(ProjectDir)}, over the caller's session, which may be connected to the nodes already. */
    public static List<String> stopNodes(ProjectDir project, AdminSession admin) {
        List<String> lines = new ArrayList<>();
        Map<String, PlannedNode> planned = plannedNodes(project);
        for (String name : nodeFolders(project)) {
            PlannedNode node = planned.get(name);
            long start = System.nanoTime();
            NodeStopper.Outcome outcome = node != null ? stopNode(project, node, admin)
                    : stopByRecord(project, name, Optional.empty());
            lines.add(name + ": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (outcome == NodeStopper.Outcome.NOT_RUNNING ? ""
                    : " in " + (System.nanoTime() - start) / 1_000_000 + " ms"));
        }
        return lines;
    }

    /** The addresses of the nodes in network namespaces of their own, by the stored spec. */
    private static List<String> namespacedHosts(ProjectDir project) {
        try {
            YamlSpecReader.Parsed stored = YamlSpecReader.read(project.specFile());
            var spec = SpecResolver.resolve(stored.draft(), stored.source()).spec();
            return spec.network() != Network.NAMESPACES ? List.of()
                    : LayoutPlanner.layout(spec).stream().map(PlannedNode::host).toList();
        } catch (SpinelException | dev.spinel.ops.topology.SpecException e) {
            return List.of();
        }
    }

    /** The nodes of the stored spec by name; none when the spec is gone or broken (signals still stop them). */
    private static Map<String, PlannedNode> plannedNodes(ProjectDir project) {
        try {
            YamlSpecReader.Parsed stored = YamlSpecReader.read(project.specFile());
            return LayoutPlanner.layout(SpecResolver.resolve(stored.draft(), stored.source()).spec()).stream()
                    .collect(Collectors.toMap(PlannedNode::name, node -> node));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Every node folder on disk, Sentinels first so they do not fail over a primary being stopped. */
    private static List<String> nodeFolders(ProjectDir project) {
        if (!Files.isDirectory(project.nodesDir())) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(project.nodesDir())) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .sorted(Comparator.comparing((String name) -> !name.startsWith("sentinel-"))
                            .thenComparing(Comparator.reverseOrder()))
                    .toList();
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot list " + project.nodesDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Stops one node by its recorded PID: SHUTDOWN through {@code admin} when given, then signals.
     * Its process record is removed once the process is gone.
     */
    static NodeStopper.Outcome stopNode(ProjectDir project, PlannedNode node, AdminSession admin) {
        return stopByRecord(project, node.name(), Optional.ofNullable(admin).map(live -> () -> {
            try {
                NodeAdmin target = live.node(node.host(), node.port());
                // With AOF on, the node loads the AOF at start and ignores dump.rdb: writing an RDB
                // on the way down (what SHUTDOWN does with save points) costs seconds and adds nothing.
                boolean aof = node.isData() && target.info("persistence").aofEnabled();
                target.shutdown(!aof);
            } finally {
                live.forget(node.host(), node.port());
            }
        }));
    }

    private static NodeStopper.Outcome stopByRecord(ProjectDir project, String name, Optional<Runnable> politeShutdown) {
        Path recordFile = project.processRecord(name);
        Optional<ProcessRecord> record = ProcessRecord.read(recordFile);
        if (record.isEmpty()) {
            return NodeStopper.Outcome.NOT_RUNNING;
        }
        NodeStopper.Outcome outcome = NodeStopper.stop(record.get(), politeShutdown, NodeStopper.DEFAULT_GRACE);
        try {
            Files.deleteIfExists(recordFile);
        } catch (IOException e) {
            // A leftover record is harmless: its start time no longer matches any live process.
        }
        return outcome;
    }
}

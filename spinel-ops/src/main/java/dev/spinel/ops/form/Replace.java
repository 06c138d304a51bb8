package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.project.SpecLoader;
import dev.spinel.ops.project.Trees;
import dev.spinel.ops.project.WriterLock;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.Mode;
import dev.spinel.ops.topology.PlannedNode;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecDraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code spinel replace NODE}: swaps a cluster node for a fresh one (new process, new data folder,
 * new node id) on the same port, without a moment in which its shard has no primary. A primary
 * first hands over to its most up-to-date replica with CLUSTER FAILOVER (coordinated: no
 * acknowledged write is lost); then the cluster forgets the node, it stops, its folder is set
 * aside, and {@code up} starts the fresh node, which joins as a replica and syncs. The old folder
 * is deleted only once the fresh node is in sync; a failure puts it back.
 */
public final class Replace {
    public record Request(Path dir, String node, Duration timeout, String spinelVersion, Consumer<String> log) {
    }

    /**
     * @param failedOverTo the replica that took over when the node was a primary
     * @param warnings     clients that still sent the old node commands when it stopped
     */
    public record Result(String node, String oldId, String newId, Optional<String> failedOverTo,
                         List<String> warnings, Duration elapsed) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private Replace() {
    }

    public static Result run(Request request) {
        long start = System.nanoTime();
        ProjectDir project = ProjectDir.open(request.dir());
        Spec spec = SpecLoader.load(request.dir(), Optional.empty(), SpecDraft.empty()).resolved().spec();
        if (spec.mode() != Mode.CLUSTER) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "replace works on a cluster node;"
                    + " this topology is mode " + spec.mode().id());
        }
        List<PlannedNode> data = LayoutPlanner.layout(spec).stream().filter(PlannedNode::isData).toList();
        PlannedNode node = data.stream().filter(n -> n.name().equals(request.node()) || n.address().equals(request.node()))
                .findFirst().orElseThrow(() -> new SpinelException(SpinelException.Kind.BAD_INPUT, "no data node "
                        + request.node() + " in this topology; its nodes: "
                        + String.join(", ", data.stream().map(PlannedNode::name).toList())));
        try (WriterLock lock = WriterLock.acquire(project, "replace");
             AdminSession admin = new AdminSession(new Secrets(project).password())) {
            ClusterView view = ClusterView.read(admin, data);
            ClusterNode old = view.selves().get(node.name());
            Optional<String> failedOverTo = Optional.empty();
            if (old.isPrimary() && old.slotCount() > 0) {
                failedOverTo = Optional.of(HandOver.to(admin, view, data, node, request.log()));
                view = ClusterView.read(admin, data);
            }
            for (PlannedNode other : data) {
                if (!other.name().equals(node.name())) {
                    Retirement.forget(admin.node(other.host(), other.port()), old.id());
                }
            }
            List<String> warnings = QuietClients.await(admin, node).stream().toList();
            Down.stopNode(project, node, admin);
            Path aside = setAside(project, node);
            request.log().accept("stopped " + node.name() + "; its folder is kept at " + aside + " until the new node is in sync");
            try {
                Up.upHolding(lock, Up.Request.again(project.root(), request.timeout(), request.spinelVersion(),
                        request.log()));
            } catch (RuntimeException e) {
                putBack(project, node, aside, e);
                throw e;
            }
            String newId = admin.node(node.host(), node.port()).clusterMyId();
            try {
                Trees.delete(aside);
                Files.deleteIfExists(aside.getParent());
            } catch (IOException e) {
                // Another replaced node's folder is still there, or the disk refused: not this run's concern.
                request.log().accept("could not delete " + aside + " or its parent: " + e.getMessage());
            }
            return new Result(node.name(), old.id(), newId, failedOverTo, warnings,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static Path setAside(ProjectDir project, PlannedNode node) {
        Path folder = project.nodeDir(node.name());
        Path aside = project.root().resolve("replaced").resolve(node.name() + "-" + Instant.now().toEpochMilli());
        try {
            Files.createDirectories(aside.getParent());
            Files.move(folder, aside);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, node.name() + " is stopped and out of the cluster,"
                    + " but its folder could not be set aside: " + e.getMessage() + "; run spinel up to bring it back", e);
        }
        return aside;
    }

    /** After a failed up: the fresh folder goes, the old one comes back (the next up restarts it). */
    private static void putBack(ProjectDir project, PlannedNode node, Path aside, RuntimeException failure) {
        try {
            Path folder = project.nodeDir(node.name());
            if (Files.exists(folder)) {
                Trees.delete(folder);
            }
            Files.move(aside, folder);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

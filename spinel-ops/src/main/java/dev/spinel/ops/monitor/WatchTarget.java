package dev.spinel.ops.monitor;

import dev.spinel.ops.project.ProjectDir;
import dev.spinel.ops.project.Secrets;
import dev.spinel.ops.topology.LayoutPlanner;
import dev.spinel.ops.topology.NodeKind;
import dev.spinel.ops.topology.Spec;
import dev.spinel.ops.topology.SpecResolver;
import dev.spinel.ops.topology.YamlSpecReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one console watches: the nodes, what healthy means for them, the password, and the
 * project folder (where events are kept) when the topology is Spinel's own.
 */
public record WatchTarget(String name, Expectations expected, List<NodeRef> nodes, Supplier<String> password,
                          Optional<Path> projectRoot) {
    public WatchTarget {
        nodes = List.copyOf(nodes);
    }

    /** A topology Spinel runs: every node of its spec, with the project's password. */
    public static WatchTarget ofProject(Path dir) {
        ProjectDir project = ProjectDir.open(dir);
        YamlSpecReader.Parsed stored = YamlSpecReader.read(project.specFile());
        Spec spec = SpecResolver.resolve(stored.draft(), stored.source()).spec();
        List<NodeRef> nodes = LayoutPlanner.layout(spec).stream()
                .map(n -> new NodeRef(n.name(), n.host(), n.port(),
                        n.kind() == NodeKind.SENTINEL ? NodeRef.Kind.SENTINEL : NodeRef.Kind.DATA))
                .toList();
        Expectations expected = new Expectations(spec.mode(), spec.masterName(), spec.replicas(), spec.sentinels(),
                spec.quorum(), spec.shards(), Expectations.Thresholds.DEFAULT);
        Secrets secrets = new Secrets(project);
        return new WatchTarget(project.root().toString(), expected, nodes, secrets::password,
                Optional.of(project.root()));
    }
}

package dev.spinel.ops.drill;

import dev.spinel.ops.monitor.NodeRef;
import dev.spinel.ops.monitor.WatchTarget;
import dev.spinel.ops.topology.Mode;
import java.util.stream.Collectors;

/** The URI the drill's writers connect with: through the Sentinels, the cluster seeds, or the one node. */
final class DrillTarget {
    private DrillTarget() {
    }

    static String uri(WatchTarget target) {
        String password = target.password().get();
        String auth = password == null || password.isEmpty() ? "" : password + "@";
        Mode mode = target.expected().mode();
        if (mode == Mode.SENTINEL) {
            return "redis-sentinel://" + auth + target.nodes().stream().filter(n -> n.kind() == NodeRef.Kind.SENTINEL)
                    .map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",")) + "/"
                    + target.expected().masterName();
        }
        return "redis://" + auth + target.nodes().stream().filter(n -> n.kind() == NodeRef.Kind.DATA)
                .map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
    }
}

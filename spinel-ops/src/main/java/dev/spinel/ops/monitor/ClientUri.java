package dev.spinel.ops.monitor;

import dev.spinel.ops.topology.Mode;
import java.util.stream.Collectors;

/**
 * The URI an application (a drill's writers, a warm-up) connects to a topology with: through the
 * Sentinels, the cluster seeds, or the one node; with the password.
 */
public final class ClientUri {
    private ClientUri() {
    }

    public static String of(WatchTarget target) {
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

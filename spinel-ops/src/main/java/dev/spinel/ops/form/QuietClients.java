package dev.spinel.ops.form;

import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClientListReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.topology.PlannedNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Before a node that no longer serves slots is stopped: waits until no client has sent it a
 * command for a second. A client that followed a redirect there a moment ago would otherwise see
 * its connection reset by the stop; one whose cluster map still names the node keeps sending,
 * and is reported rather than waited out.
 */
final class QuietClients {
    /** How long a node may keep receiving commands before it is stopped anyway. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private QuietClients() {
    }

    /** Empty once the node's clients are quiet; else a warning that names them. */
    static Optional<String> await(AdminSession admin, PlannedNode node) {
        NodeAdmin live = admin.node(node.host(), node.port());
        long self = live.clientId();
        List<ClientListReply.Client> busy = new ArrayList<>();
        try {
            Waits.until("clients of " + node.name() + " to go quiet", Deadline.in(TIMEOUT), () -> {
                busy.clear();
                live.clientList().stream().filter(c -> c.id() != self && c.isPlain() && c.idleSeconds() < 1)
                        .forEach(busy::add);
                return busy.isEmpty() ? Waits.Check.ok() : Waits.Check.notYet(busy.size() + " clients busy");
            }, Optional::empty);
            return Optional.empty();
        } catch (NotReadyException e) {
            return Optional.of(node.name() + " was stopped while " + busy.size() + " clients still sent it commands ("
                    + busy.stream().map(ClientListReply.Client::address).limit(5).collect(Collectors.joining(", "))
                    + "): their cluster maps still name it; enable topology refresh in those clients");
        }
    }
}

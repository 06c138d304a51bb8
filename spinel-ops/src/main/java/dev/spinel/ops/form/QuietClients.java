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
 * command for over a second. A client that followed a redirect there a moment ago would otherwise
 * see its connection reset by the stop. Lettuce's adaptive refresh (on by default since Lettuce 7)
 * refreshes its map at most every 5 s, so for a few seconds after the last slot moved a client
 * may still route there and be redirected; one whose map still names the node after the timeout
 * is reported rather than waited out.
 */
final class QuietClients {
    /** How long a node may keep receiving commands before it is stopped anyway. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /**
     * CLIENT LIST's idle is the difference of two whole-second clocks: 1 may mean a millisecond ago,
     * 2 means over a second ago.
     */
    private static final int QUIET_IDLE_SECONDS = 2;

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
                live.clientList().stream()
                        .filter(c -> c.id() != self && c.isPlain() && c.idleSeconds() < QUIET_IDLE_SECONDS)
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

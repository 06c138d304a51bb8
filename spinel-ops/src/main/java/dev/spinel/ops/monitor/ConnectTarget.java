package dev.spinel.ops.monitor;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.admin.AdminSession;
import dev.spinel.ops.admin.ClusterNode;
import dev.spinel.ops.admin.InfoReply;
import dev.spinel.ops.admin.NodeAdmin;
import dev.spinel.ops.admin.SentinelView;
import dev.spinel.ops.topology.Addresses;
import dev.spinel.ops.topology.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topology Spinel did not start ({@code serve --connect}): from a few addresses, the rest is
 * found the way a client would: a Sentinel names its primary, replicas and peers; a cluster
 * node lists every node; a primary lists its replicas and a replica its primary. What healthy
 * means (replicas per primary, Sentinels, quorum) is what the topology looks like now.
 */
public final class ConnectTarget {
    private ConnectTarget() {
    }

    /** A seed: {@code redis://[:password@]host:port} or {@code host:port}. */
    public record Seed(String host, int port, Optional<String> password) {
        public static Seed parse(String text) {
            try {
                URI uri = URI.create(text.contains("://") ? text : "redis://" + text);
                if (uri.getHost() == null || uri.getPort() < 1) {
                    throw new IllegalArgumentException("no host:port");
                }
                Optional<String> password = Optional.ofNullable(uri.getRawUserInfo())
                        .map(info -> info.contains(":") ? info.substring(info.indexOf(':') + 1) : info)
                        .filter(p -> !p.isEmpty());
                return new Seed(uri.getHost(), uri.getPort(), password);
            } catch (IllegalArgumentException e) {
                throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--connect " + text
                        + ": expected redis://[:password@]host:port or host:port (" + e.getMessage() + ")");
            }
        }
    }

    public static WatchTarget discover(List<Seed> seeds, Optional<String> password, Duration timeout) {
        if (seeds.isEmpty()) {
            throw new SpinelException(SpinelException.Kind.BAD_INPUT, "--connect needs at least one address");
        }
        String secret = seeds.stream().flatMap(s -> s.password().stream()).findFirst().or(() -> password).orElse("");
        try (AdminSession admin = new AdminSession(() -> secret, timeout)) {
            Map<String, NodeRef> nodes = new LinkedHashMap<>();
            Map<String, InfoReply> infos = new LinkedHashMap<>();
            for (Seed seed : seeds) {
                InfoReply info = reach(admin, seed.host(), seed.port());
                infos.put(Addresses.of(seed.host(), seed.port()), info);
                NodeRef.Kind kind = "sentinel".equals(info.field("redis_mode").orElse("")) ? NodeRef.Kind.SENTINEL
                        : NodeRef.Kind.DATA;
                add(nodes, seed.host(), seed.port(), kind);
            }
            String name = "connect:" + Addresses.of(seeds.get(0).host(), seeds.get(0).port());
            Optional<String> sentinel = nodes.values().stream().filter(n -> n.kind() == NodeRef.Kind.SENTINEL)
                    .map(NodeRef::address).findFirst();
            if (sentinel.isPresent()) {
                return viaSentinel(admin, nodes, infos.get(sentinel.get()), sentinel.get(), name, secret);
            }
            if (infos.values().stream().anyMatch(InfoReply::clusterEnabled)) {
                return viaCluster(admin, nodes, name, secret);
            }
            return viaReplication(admin, nodes, infos, name, secret);
        }
    }

    private static InfoReply reach(AdminSession admin, String host, int port) {
        try {
            return admin.node(host, port).info("default");
        } catch (RuntimeException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot read " + Addresses.of(host, port) + ": "
                    + e.getMessage() + " (is the address right, and the password?)", e);
        }
    }

    private static void add(Map<String, NodeRef> nodes, String host, int port, NodeRef.Kind kind) {
        String address = Addresses.of(host, port);
        nodes.putIfAbsent(address, new NodeRef(address, host, port, kind));
    }

    private static WatchTarget viaSentinel(AdminSession admin, Map<String, NodeRef> nodes, InfoReply info,
                                           String sentinelAddress, String name, String secret) {
        String masterName = info.field("master0").flatMap(SentinelView::masterName).orElseThrow(() ->
                new SpinelException(SpinelException.Kind.BAD_INPUT, sentinelAddress + " is a Sentinel watching no primary"));
        NodeRef first = nodes.get(sentinelAddress);
        NodeAdmin sentinel = admin.node(first.host(), first.port());
        SentinelView.Primary primary = sentinel.sentinelPrimary(masterName);
        add(nodes, primary.ip(), primary.port(), NodeRef.Kind.DATA);
        List<SentinelView.Peer> replicas = sentinel.sentinelReplicas(masterName);
        replicas.forEach(r -> add(nodes, r.ip(), r.port(), NodeRef.Kind.DATA));
        sentinel.sentinelSentinels(masterName).forEach(s -> add(nodes, s.ip(), s.port(), NodeRef.Kind.SENTINEL));
        int sentinels = (int) nodes.values().stream().filter(n -> n.kind() == NodeRef.Kind.SENTINEL).count();
        Expectations expected = new Expectations(Mode.SENTINEL, masterName, replicas.size(), sentinels,
                primary.quorum(), 1, Expectations.Thresholds.DEFAULT);
        return new WatchTarget(name, expected, List.copyOf(nodes.values()), () -> secret, Optional.empty());
    }

    private static WatchTarget viaCluster(AdminSession admin, Map<String, NodeRef> nodes, String name, String secret) {
        NodeRef seed = nodes.values().iterator().next();
        List<ClusterNode> view = admin.node(seed.host(), seed.port()).clusterNodes();
        view.forEach(n -> add(nodes, n.host(), n.port(), NodeRef.Kind.DATA));
        List<ClusterNode> primaries = view.stream().filter(n -> n.isPrimary() && n.slotCount() > 0).toList();
        int replicas = primaries.stream().mapToInt(p -> (int) view.stream()
                .filter(n -> n.primaryId().filter(p.id()::equals).isPresent()).count()).min().orElse(0);
        Expectations expected = new Expectations(Mode.CLUSTER, null, replicas, 0, 0, primaries.size(),
                Expectations.Thresholds.DEFAULT);
        return new WatchTarget(name, expected, List.copyOf(nodes.values()), () -> secret, Optional.empty());
    }

    private static WatchTarget viaReplication(AdminSession admin, Map<String, NodeRef> nodes,
                                              Map<String, InfoReply> infos, String name, String secret) {
        List<InfoReply> seen = new ArrayList<>(infos.values());
        for (InfoReply info : seen) {
            info.field("master_host").ifPresent(host -> {
                int port = (int) info.number("master_port");
                add(nodes, host, port, NodeRef.Kind.DATA);
                infos.computeIfAbsent(Addresses.of(host, port), a -> reach(admin, host, port));
            });
        }
        int replicas = 0;
        for (InfoReply info : List.copyOf(infos.values())) {
            if (info.role().equals("master")) {
                info.replicas().forEach(r -> add(nodes, r.ip(), r.port(), NodeRef.Kind.DATA));
                replicas = Math.max(replicas, info.replicas().size());
            }
        }
        Mode mode = nodes.size() > 1 ? Mode.REPLICATION : Mode.STANDALONE;
        Expectations expected = new Expectations(mode, null, replicas, 0, 0, 1, Expectations.Thresholds.DEFAULT);
        return new WatchTarget(name, expected, List.copyOf(nodes.values()), () -> secret, Optional.empty());
    }
}

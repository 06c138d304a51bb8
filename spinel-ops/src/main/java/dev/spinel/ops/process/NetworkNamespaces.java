package dev.spinel.ops.process;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.NamespaceLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network namespaces of a {@code network: namespaces} topology, made and removed with
 * iproute2's {@code ip}: per node a namespace holding one end of a veth pair with the node's
 * address, the other end attached to the topology's bridge, which holds the subnet's first
 * address so that this host (clients, Spinel itself) reaches every node. Only namespaces, links
 * and addresses named by {@link NamespaceLayout} are ever touched. Needs root.
 */
public final class NetworkNamespaces {
    private static final Path NAMESPACES = Path.of("/run/netns");

    private NetworkNamespaces() {
    }

    /** Why namespaces cannot be used here, or empty when they can. */
    public static Optional<String> unavailable() {
        if (!isRoot()) {
            return Optional.of("network: namespaces needs root (it creates network namespaces, a bridge and veth"
                    + " links); run as root, or use network: loopback");
        }
        try {
            run(List.of("ip", "-V"));
            return Optional.empty();
        } catch (SpinelException e) {
            return Optional.of("network: namespaces needs iproute2's `ip` command: " + e.getMessage());
        }
    }

    /** Creates what the node at {@code host} needs and is missing: the bridge, its namespace, its link. */
    public static void ensure(String host) {
        String bridge = NamespaceLayout.bridge(host);
        if (!linkExists(bridge)) {
            run(List.of("ip", "link", "add", bridge, "type", "bridge"));
            run(List.of("ip", "addr", "add", NamespaceLayout.bridgeAddress(host), "dev", bridge));
            run(List.of("ip", "link", "set", bridge, "up"));
        }
        String namespace = NamespaceLayout.namespace(host);
        if (!Files.exists(NAMESPACES.resolve(namespace))) {
            run(List.of("ip", "netns", "add", namespace));
            run(List.of("ip", "-n", namespace, "link", "set", "lo", "up"));
        }
        String link = NamespaceLayout.hostLink(host);
        if (!linkExists(link)) {
            run(List.of("ip", "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", namespace));
            run(List.of("ip", "-n", namespace, "addr", "add", host + "/24", "dev", "eth0"));
            run(List.of("ip", "-n", namespace, "link", "set", "eth0", "up"));
            run(List.of("ip", "link", "set", link, "master", bridge));
        }
        run(List.of("ip", "link", "set", link, "up"));
    }

    /** The command that runs {@code command} inside the node's namespace. */
    public static List<String> inNamespace(String host, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", NamespaceLayout.namespace(host)));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Drops the node's link: nothing reaches it and it reaches nothing, while it runs on. */
    public static void cut(String host) {
        run(List.of("ip", "link", "set", NamespaceLayout.hostLink(host), "down"));
    }

    public static void heal(String host) {
        run(List.of("ip", "link", "set", NamespaceLayout.hostLink(host), "up"));
    }

    /** Removes the nodes' namespaces (their veth pairs go with them), then the bridge once no node is left on it. */
    public static void remove(List<String> hosts) {
        for (String host : hosts) {
            // The link first: deleting it takes both ends at once, while a namespace's own links go
            // only when the kernel gets round to destroying it, after `ip netns delete` returned.
            String link = NamespaceLayout.hostLink(host);
            if (linkExists(link)) {
                run(List.of("ip", "link", "delete", link));
            }
            String namespace = NamespaceLayout.namespace(host);
            if (Files.exists(NAMESPACES.resolve(namespace))) {
                run(List.of("ip", "netns", "delete", namespace));
            }
        }
        for (String bridge : hosts.stream().map(NamespaceLayout::bridge).distinct().toList()) {
            if (linkExists(bridge) && run(List.of("ip", "-o", "link", "show", "master", bridge)).isBlank()) {
                run(List.of("ip", "link", "delete", bridge));
            }
        }
    }

    /**
     * The namespaces and links of this machine Spinel made (for tests that check nothing is left
     * behind): namespaces {@code spinel-*}, bridges {@code sb*} and node links {@code sv*}.
     */
    public static List<String> existing() {
        List<String> found = new ArrayList<>(list(NAMESPACES, "spinel-"));
        found.addAll(list(Path.of("/sys/class/net"), "sb"));
        found.addAll(list(Path.of("/sys/class/net"), "sv"));
        return List.copyOf(found);
    }

    private static List<String> list(Path dir, String prefix) {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs an {@code ip} command; its output, or a failure that quotes what it said. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new SpinelException(SpinelException.Kind.FAILED, String.join(" ", command) + " failed: "
                        + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot run " + command.getFirst() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpinelException(SpinelException.Kind.FAILED, "interrupted while running "
                    + String.join(" ", command), e);
        }
    }
}

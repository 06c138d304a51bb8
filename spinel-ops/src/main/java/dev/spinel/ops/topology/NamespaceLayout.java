package dev.spinel.ops.topology;

/**
 * Addresses and names for {@code network: namespaces}, derived from the spec alone so that every
 * command finds the same ones. A topology gets the subnet {@code 10.X.Y.0/24}, where X and Y come
 * from its port base (two topologies on one machine already need different port bases); the
 * bridge holds {@code .1} and the node at offset {@code i} {@code .(i + 2)}: a data node's offset is
 * its port's from the port base, a Sentinel's follows the data nodes'. Link names are at
 * most 15 characters, the kernel's limit: the bridge {@code sb} and the node links {@code sv}
 * followed by the address's last octets in hex.
 */
public final class NamespaceLayout {
    /** The node addresses .2 to .254 of the /24. */
    public static final int MAX_NODES = 253;

    private NamespaceLayout() {
    }

    /** The second and third octets of the topology's subnet. */
    private static int[] subnet(Spec spec) {
        int base = spec.portBase();
        return new int[] {200 + (base >> 8) % 56, base & 0xff};
    }

    /** The address of the node at offset {@code index} (see the class comment). */
    public static String nodeHost(Spec spec, int index) {
        int[] s = subnet(spec);
        return "10." + s[0] + "." + s[1] + "." + (index + 2);
    }

    /** The bridge's own address, with the subnet's prefix length. */
    public static String bridgeAddress(String nodeHost) {
        return prefix(nodeHost) + ".1/24";
    }

    public static String bridge(String nodeHost) {
        int[] o = octets(nodeHost);
        return "sb%02x%02x".formatted(o[1], o[2]);
    }

    /** The namespace a node runs in, named after its address. */
    public static String namespace(String nodeHost) {
        return "spinel-" + nodeHost.replace('.', '-');
    }

    /** The host side of the node's veth link, attached to the bridge: dropping it cuts the node off. */
    public static String hostLink(String nodeHost) {
        int[] o = octets(nodeHost);
        return "sv%02x%02x%02x".formatted(o[1], o[2], o[3]);
    }

    private static String prefix(String nodeHost) {
        return nodeHost.substring(0, nodeHost.lastIndexOf('.'));
    }

    private static int[] octets(String host) {
        String[] parts = host.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3])};
    }
}

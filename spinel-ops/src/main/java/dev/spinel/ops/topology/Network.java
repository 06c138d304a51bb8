package dev.spinel.ops.topology;

import java.util.Locale;

/**
 * Where the nodes listen. {@code loopback} (the default): every node on 127.0.0.1, each on its own
 * port. {@code namespaces}: every node in a Linux network namespace of its own, joined to a
 * bridge by a veth link, so that a drill can cut one node off the network by dropping its link
 * (needs root). {@link NamespaceLayout} gives each node its address and its links' names.
 */
public enum Network {
    LOOPBACK, NAMESPACES;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Network parse(String text) {
        return Choices.parse(values(), Network::id, text, "network");
    }
}

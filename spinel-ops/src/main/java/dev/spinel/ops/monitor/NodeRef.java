package dev.spinel.ops.monitor;

import dev.spinel.ops.topology.Addresses;

/** A node the console watches: its name (from the spec, or its address), where it is, what it is. */
public record NodeRef(String name, String host, int port, Kind kind) {
    /** A data node (primary or replica) or a Sentinel. */
    public enum Kind {
        DATA, SENTINEL
    }

    public String address() {
        return Addresses.of(host, port);
    }
}

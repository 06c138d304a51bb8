package dev.spinel.ops.topology;

/** {@code host:port}, with IPv6 hosts in brackets, as Redis prints addresses. */
public final class Addresses {
    private Addresses() {
    }

    public static String of(String host, int port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}

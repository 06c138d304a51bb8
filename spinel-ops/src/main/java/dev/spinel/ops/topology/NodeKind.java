package dev.spinel.ops.topology;

/** A data node runs redis-server; a Sentinel runs redis-server --sentinel from the same binary. */
public enum NodeKind {
    DATA, SENTINEL
}

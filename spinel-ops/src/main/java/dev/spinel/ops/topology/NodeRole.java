package dev.spinel.ops.topology;

/** The role a node is planned to have when formed. Failovers may change it later. */
public enum NodeRole {
    PRIMARY, REPLICA, SENTINEL
}

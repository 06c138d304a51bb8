package dev.spinel.ops.topology;

/**
 * Absolute file locations of one node, as strings so the planner needs no file system.
 *
 * @param dir the node's folder ({@code nodes/<name>}), holding config, log and pid file
 * @param dataDir where Redis keeps RDB, AOF and {@code nodes.conf}
 */
public record NodePaths(String dir, String dataDir, String config, String log, String pidFile) {
}

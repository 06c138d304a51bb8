package dev.spinel.ops.monitor;

import dev.spinel.ops.topology.Mode;

/**
 * What a healthy topology looks like, from its spec: the health rules compare what the nodes
 * report with this.
 *
 * @param replicasPerPrimary replicas each primary should have attached
 * @param sentinels Sentinels watching the primary (0 outside sentinel mode)
 * @param shards primaries serving slots (cluster mode), or 1
 */
public record Expectations(Mode mode, String masterName, int replicasPerPrimary, int sentinels, int quorum,
                           int shards, Thresholds thresholds) {

    /**
     * Limits beyond which a value is a problem; defaults as teams checked by hand.
     *
     * @param maxLagSeconds a replica whose last acknowledgement is older than this lags
     */
    public record Thresholds(long maxLagSeconds, double memoryWarnRatio, double rttSpikeFactor, long rttSpikeFloorMicros) {
        public static final Thresholds DEFAULT = new Thresholds(1, 0.90, 5.0, 2_000);
    }
}

package dev.spinel.client.warm;

import java.time.Duration;

/**
 * What a warm-up did.
 *
 * @param loaded            entries acknowledged by their primary
 * @param failed            entries whose SET failed or timed out
 * @param took              wall time of the load, validation excluded
 * @param sampled           loaded keys read back afterwards (a uniform sample)
 * @param rightOnPrimaries  sampled keys whose primary returned the value loaded
 * @param rightOnReplicas   sampled keys every replica asked returned with that value (-1: no replicas to ask)
 * @param firstFailure      why the first failed entry failed, or empty
 */
public record WarmReport(long loaded, long failed, Duration took, int sampled, int rightOnPrimaries,
                         int rightOnReplicas, String firstFailure) {

    public double keysPerSecond() {
        return took.isZero() ? 0 : loaded * 1e9 / took.toNanos();
    }
}

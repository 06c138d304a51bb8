package dev.spinel.ops.drill;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every write the client saw acknowledged during a drill, and when writes failed: the record the
 * loss check reads back against. Written by several writer threads at once.
 */
public final class AckLedger {
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastFailureNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastAckNanos = new AtomicLong(Long.MIN_VALUE);
    private final ConcurrentLinkedQueue<Long> ackNanos = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, Long> reasons = new ConcurrentHashMap<>();

    public void acknowledged(String key, long nanos) {
        acknowledged.add(key);
        ackNanos.add(nanos);
        lastAckNanos.accumulateAndGet(nanos, Math::max);
    }

    /**
     * When writes worked again: the first acknowledgment after the last failure that followed
     * {@code faultNanos}; {@code faultNanos} itself when no write failed after it. A failure's time
     * alone would not do: a write queued while the client reconnects fails only when its timeout
     * runs out, and one that is still queued succeeds when the reconnect happens, later.
     */
    public long writesBackNanos(long faultNanos) {
        long lastFailure = lastFailureNanos.get();
        if (lastFailure < faultNanos) {
            return faultNanos;
        }
        return ackNanos.stream().filter(t -> t > lastFailure).min(Long::compare).orElse(lastFailure);
    }

    public void failed(long nanos) {
        failed(nanos, "not confirmed by the replicas");
    }

    /** A failed write, and why: the reasons are counted for the drill's report. */
    public void failed(long nanos, String reason) {
        failures.incrementAndGet();
        lastFailureNanos.accumulateAndGet(nanos, Math::max);
        reasons.merge(reason, 1L, Long::sum);
    }

    /** Failed writes by reason, most frequent first. */
    public String failureReasons() {
        return reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    public List<String> acknowledgedKeys() {
        return List.copyOf(acknowledged);
    }

    public long acknowledgedCount() {
        return acknowledged.size();
    }

    public long failures() {
        return failures.get();
    }

    /** System.nanoTime() of the latest failed write, or Long.MIN_VALUE when none failed. */
    public long lastFailureNanos() {
        return lastFailureNanos.get();
    }

    public long lastAckNanos() {
        return lastAckNanos.get();
    }
}

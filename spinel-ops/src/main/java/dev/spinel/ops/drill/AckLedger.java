package dev.spinel.ops.drill;

import java.util.List;
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

    public void acknowledged(String key, long nanos) {
        acknowledged.add(key);
        lastAckNanos.accumulateAndGet(nanos, Math::max);
    }

    public void failed(long nanos) {
        failures.incrementAndGet();
        lastFailureNanos.accumulateAndGet(nanos, Math::max);
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

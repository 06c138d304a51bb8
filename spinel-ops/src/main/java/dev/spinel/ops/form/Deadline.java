package dev.spinel.ops.form;

import java.time.Duration;

/** One time limit shared by every wait of an operation, so waits compose without adding up. */
public record Deadline(long endNanos, Duration total) {

    public static Deadline in(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos(), duration);
    }

    public boolean passed() {
        return System.nanoTime() - endNanos >= 0;
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }
}

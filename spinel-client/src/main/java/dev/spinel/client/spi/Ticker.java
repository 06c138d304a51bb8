package dev.spinel.client.spi;

/**
 * A source of nanosecond time, injectable so tests of time-dependent behaviour (early refresh)
 * are deterministic; Caffeine's convention.
 */
@FunctionalInterface
public interface Ticker {
    long read();

    static Ticker systemTicker() {
        return SystemTicker.INSTANCE;
    }

    /** {@link System#nanoTime()}. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        @Override
        public long read() {
            return System.nanoTime();
        }
    }
}

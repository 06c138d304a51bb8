package dev.spinel.client.warm;

import java.util.stream.StreamSupport;

/**
 * Where a warm-up's entries come from, in two parts read one after the other: the critical
 * entries, then the others. A source that can find its critical entries cheaply (a file that
 * skips lines which cannot be critical without parsing them) implements both itself, and one
 * that reads bytes also {@link #read}.
 */
public interface WarmSource {
    Iterable<WarmEntry> critical();

    Iterable<WarmEntry> others();

    /**
     * Hands the critical entries, or the others, to {@code sink} in order. A source that reads
     * bytes overrides this to hand them over without an object per entry.
     */
    default void read(boolean critical, WarmSink sink) {
        for (WarmEntry entry : critical ? critical() : others()) {
            sink.entry(entry);
        }
    }

    /** Any re-iterable collection of entries: iterated twice, filtered each time. */
    static WarmSource of(Iterable<WarmEntry> entries) {
        return new WarmSource() {
            @Override
            public Iterable<WarmEntry> critical() {
                return () -> StreamSupport.stream(entries.spliterator(), false).filter(WarmEntry::critical).iterator();
            }

            @Override
            public Iterable<WarmEntry> others() {
                return () -> StreamSupport.stream(entries.spliterator(), false).filter(e -> !e.critical()).iterator();
            }
        };
    }
}

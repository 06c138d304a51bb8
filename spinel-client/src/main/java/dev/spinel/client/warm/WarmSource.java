package dev.spinel.client.warm;

import java.util.stream.StreamSupport;

/**
 * Where a warm-up's entries come from, in two parts read one after the other: the critical
 * entries, then the others. A source that can find its critical entries cheaply (a file that
 * skips lines which cannot be critical without parsing them) implements both itself.
 */
public interface WarmSource {
    Iterable<WarmEntry> critical();

    Iterable<WarmEntry> others();

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

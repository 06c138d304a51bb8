package dev.spinel.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * A one-line progress display on a terminal for streamed bytes (or counted items): so far, rate,
 * and an ETA when the total can be estimated (the last backup's size). Redrawn at most five times a second;
 * silent when stderr is not a terminal, so logs and pipes get no control characters.
 */
final class ByteProgress implements LongConsumer, AutoCloseable {
    private final TerminalLine line;
    private final String label;
    private final OptionalLong expected;
    private final LongFunction<String> amount;
    private final long start = System.nanoTime();

    /** @param enabled whether to draw at all: {@link TerminalLine#isTerminal()}, which the caller asked already */
    ByteProgress(PrintWriter err, String label, OptionalLong expected, boolean enabled) {
        this(err, label, expected, BackupsCommand::size, enabled);
    }

    private ByteProgress(PrintWriter err, String label, OptionalLong expected, LongFunction<String> amount,
                         boolean enabled) {
        this.line = new TerminalLine(err, enabled);
        this.label = label;
        this.expected = expected;
        this.amount = amount;
    }

    /** Counts of items rather than bytes ({@code keys 120,000  45,000/s}), on a terminal only. */
    static ByteProgress countingOnTerminal(PrintWriter err, String label) {
        return new ByteProgress(err, label, OptionalLong.empty(), n -> String.format(Locale.ROOT, "%,d", n),
                TerminalLine.isTerminal());
    }

    @Override
    public void accept(long bytes) {
        line.draw(() -> line(bytes, System.nanoTime() - start));
    }

    /** The text of the line: {@code label  42.0 MiB  120.3 MiB/s  ~3 s left}. */
    String line(long bytes, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = bytes / seconds;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %10s %10s/s", label,
                amount.apply(bytes), amount.apply((long) rate)));
        expected.ifPresent(total -> {
            if (rate > 0 && total > bytes) {
                text.append(String.format(Locale.ROOT, "  ~%d s left", Math.round((total - bytes) / rate)));
            }
        });
        return text.toString();
    }

    @Override
    public void close() {
        line.close();
    }
}

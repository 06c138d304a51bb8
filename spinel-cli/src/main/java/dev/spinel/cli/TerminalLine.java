package dev.spinel.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * One line of stderr redrawn in place for progress, at most five times a second, and wiped at the
 * end; silent when stderr is not a terminal, so logs and pipes get no control characters.
 */
final class TerminalLine implements AutoCloseable {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    TerminalLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Shown only when the JVM has a terminal (stdin and stdout attached to one). */
    static TerminalLine onTerminal(PrintWriter err) {
        return new TerminalLine(err, isTerminal());
    }

    /** Redraws the line with {@code text} unless it was drawn less than 0.2 s ago; the text is made only then. */
    synchronized void draw(Supplier<String> text) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        err.print("\r" + text.get());
        err.flush();
        drawn = true;
    }

    /** JDK 22 to 24 may hand out a Console for redirected streams; their Console.isTerminal() says which. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a Console exists only for a terminal
        }
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}

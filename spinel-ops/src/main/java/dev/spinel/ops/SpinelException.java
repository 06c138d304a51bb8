package dev.spinel.ops;

/**
 * An error an operator can act on: the message says what is wrong and what to do. The CLI maps
 * the {@link Kind} to its exit code; anything else that escapes is a bug.
 */
public class SpinelException extends RuntimeException {

    /** Why a command stopped: the operator's input, or a state only the operator can resolve. */
    public enum Kind {
        /** Bad input: a spec, a flag, a port already taken. */
        BAD_INPUT,
        /** The topology needs a decision by hand (two primaries, a project from a newer Spinel). */
        BLOCKED,
        /** Something on the machine failed: a process died, a node never became ready. */
        FAILED
    }

    private final Kind kind;

    public SpinelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SpinelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

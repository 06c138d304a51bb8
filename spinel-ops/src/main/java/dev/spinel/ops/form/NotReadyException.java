package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;

/** A wait ran out of time; the message names the node and the last value seen. */
public final class NotReadyException extends SpinelException {
    public NotReadyException(String message) {
        super(Kind.FAILED, message);
    }
}

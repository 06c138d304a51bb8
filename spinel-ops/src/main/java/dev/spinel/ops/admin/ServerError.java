package dev.spinel.ops.admin;

import java.util.Locale;

/**
 * Redis error replies Spinel reacts to, told apart by their first word; mapped in this one place.
 * {@link #isTransient()} errors go away by waiting (a node loading its data, a busy script, a
 * cluster still converging), the others need a different request or an operator.
 */
public enum ServerError {
    LOADING(true), BUSY(true), TRYAGAIN(true), CLUSTERDOWN(true), MASTERDOWN(true),
    READONLY(false), NOAUTH(false), WRONGPASS(false), NOPERM(false), MOVED(false), ASK(false), OTHER(false);

    private final boolean transientError;

    ServerError(boolean transientError) {
        this.transientError = transientError;
    }

    public boolean isTransient() {
        return transientError;
    }

    /** The node rejects the credentials: waiting will not change that. */
    public boolean isAuthentication() {
        return this == NOAUTH || this == WRONGPASS || this == NOPERM;
    }

    public static ServerError of(String message) {
        if (message == null || message.isBlank()) {
            return OTHER;
        }
        String first = message.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (first.startsWith("ERR") || first.startsWith("-")) {
            first = first.replaceFirst("^-", "");
        }
        for (ServerError error : values()) {
            if (error.name().equals(first)) {
                return error;
            }
        }
        return OTHER;
    }

    /** The error of a Lettuce exception chain, by its server message. */
    public static ServerError of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            ServerError error = of(t.getMessage());
            if (error != OTHER) {
                return error;
            }
        }
        return OTHER;
    }
}

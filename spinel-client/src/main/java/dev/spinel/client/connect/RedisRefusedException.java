package dev.spinel.client.connect;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Redis refused a write or a script outright; nothing was changed. The {@link Reason} says why
 * and the message what to do. Raised by the cache and the locks instead of Lettuce's generic
 * error, so applications can tell a full Redis from a demoted primary.
 */
public final class RedisRefusedException extends RuntimeException {

    /** Why Redis refused, from the first word of its error reply. */
    public enum Reason {
        /** OOM: maxmemory reached under noeviction ('store' profile). Free memory or raise maxmemory. */
        OUT_OF_MEMORY,
        /** READONLY: the node is a replica now (a failover); the client reconnects to the new primary. */
        READ_ONLY,
        /** NOREPLICAS: min-replicas-to-write is not met. */
        NO_REPLICAS,
        /** BUSY: a script runs too long on the node. */
        BUSY,
        /** Any other error reply. */
        OTHER
    }

    private final Reason reason;

    public RedisRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Runs a command, turning Redis's error replies into this exception. */
    public static <T> T translate(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisCommandExecutionException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            String first = message.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
            Reason reason = switch (first) {
                case "OOM" -> Reason.OUT_OF_MEMORY;
                case "READONLY" -> Reason.READ_ONLY;
                case "NOREPLICAS" -> Reason.NO_REPLICAS;
                case "BUSY" -> Reason.BUSY;
                default -> Reason.OTHER;
            };
            String advice = switch (reason) {
                case OUT_OF_MEMORY -> ": Redis is at maxmemory and evicts nothing; free memory, raise maxmemory,"
                        + " or use the 'cache' profile for data that may be evicted";
                case READ_ONLY -> ": the node became a replica (a failover); retry once the client has reconnected";
                case NO_REPLICAS -> ": too few replicas are connected for the primary to accept writes";
                case BUSY -> ": a script is running too long on the node";
                case OTHER -> "";
            };
            throw new RedisRefusedException(reason, what + " refused by Redis (" + message + ")" + advice, e);
        }
    }
}

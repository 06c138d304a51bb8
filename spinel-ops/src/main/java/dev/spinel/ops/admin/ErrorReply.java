package dev.spinel.ops.admin;

/**
 * The node answered a command with an error reply; the message is Redis's own ({@code ERR ...},
 * {@code LOADING ...}, {@code WRONGPASS ...}), which {@link ServerError} tells apart.
 */
public final class ErrorReply extends AdminException {
    public ErrorReply(String message, Throwable cause) {
        super(message, cause);
    }
}
